package sr.gov.vpflow.platform;

/** Published after a migration plan or a restore changed the schema, so that features are detected anew. */
public record SchemaChanged(String reason) {}
