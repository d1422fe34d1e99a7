package sr.gov.vpflow.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sr.gov.vpflow.documents.DocumentIndexer;
import sr.gov.vpflow.documents.TextExtractor;
import sr.gov.vpflow.platform.SchemaFeatures;

@Command(
        name = "search",
        mixinStandardHelpOptions = true,
        description = "Works with the full-text search of documents (the migration plan v1.3).",
        subcommands = {SearchCommand.Index.class})
class SearchCommand extends CommandGroup {

    @Command(
            name = "index",
            mixinStandardHelpOptions = true,
            description = {
                "Extracts the text of every document that waits for it (the documents there were when v1.3",
                "was applied, and uploads the server has not read yet), with progress, and prints how many",
                "documents have text, none, or failed. --again reads every document again; --retry only those",
                "that failed or gave no text (after installing Tesseract OCR, say). Works while the server",
                "runs: the server and this command never read the same document at once.",
                "Exit status 0: nothing failed; 3: some documents failed (see the server's log for why)."
            })
    static class Index implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--again", description = "Read the text of every document again.")
        boolean again;

        @Option(names = "--retry", description = "Read again the documents that failed or gave no text.")
        boolean retry;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            return Cli.withApplication(context -> {
                if (!context.getBean(SchemaFeatures.class).isSearch()) {
                    out.println("the database has no full-text search yet: apply the migration plan v1.3 first"
                            + " (vpflow migrate --plan v1.3 --help)");
                    return 2;
                }
                DocumentIndexer indexer = context.getBean(DocumentIndexer.class);
                out.println("OCR: "
                        + (context.getBean(TextExtractor.class).ocr()
                                ? "Tesseract (Dutch and English)"
                                : "not installed; scanned documents give no text (apt-get install tesseract-ocr"
                                        + " tesseract-ocr-nld tesseract-ocr-eng, then search index --retry)"));
                if (again || retry) {
                    out.println("set to be read again: " + indexer.again(again) + " documents");
                }
                Map<String, Long> before = indexer.counts();
                out.println("waiting for their text: " + before.get("pending") + " documents");
                out.flush();
                DocumentIndexer.Run run = indexer.indexPending(Integer.MAX_VALUE, line -> {
                    out.println(line);
                    out.flush();
                });
                Map<String, Long> after = indexer.counts();
                out.printf(
                        "read %d documents now: %d with text, %d without, %d failed, %d to try later%n",
                        run.total(), run.indexed(), run.empty(), run.failed(), run.later());
                out.printf(
                        "all documents: %d with text, %d without text, %d failed, %d waiting%n",
                        after.get("indexed"), after.get("empty"), after.get("failed"), after.get("pending"));
                return after.get("failed") > 0 ? 3 : 0;
            });
        }
    }
}
