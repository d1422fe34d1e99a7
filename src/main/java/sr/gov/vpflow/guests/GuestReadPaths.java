package sr.gov.vpflow.guests;

import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import sr.gov.vpflow.platform.ReadPaths;

/** The read queries of this module that a governed migration keeps working (see {@link ReadPaths}). */
@Component
class GuestReadPaths implements ReadPaths {

    @Override
    public List<ReadPath> readPaths() {
        return List.of(
                new ReadPath(
                        "guests: list page",
                        "secretary",
                        Set.of("guest"),
                        "SELECT id, full_name, honorific, organisation, position, email, phone, notes, archived_at, version"
                                + " FROM guests WHERE archived_at IS NULL ORDER BY search_key(full_name), id LIMIT 50"),
                new ReadPath(
                        "guests: search",
                        "vp",
                        Set.of("guest"),
                        "SELECT id, full_name, organisation FROM guests"
                                + " WHERE (search_key(full_name) || ' ' || search_key(organisation))"
                                + " LIKE '%' || search_key('an') || '%' ORDER BY search_key(full_name), id LIMIT 50"),
                new ReadPath(
                        "guests: counts",
                        "secretary",
                        Set.of("guest"),
                        "SELECT count(*) FILTER (WHERE archived_at IS NULL), count(*) FROM guests"));
    }
}
