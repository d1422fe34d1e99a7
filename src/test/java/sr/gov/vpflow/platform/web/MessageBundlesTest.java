package sr.gov.vpflow.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Every message of every bundle is there in Dutch (the default) and in English, and in nothing else. */
class MessageBundlesTest {

    @Test
    void everyKeyOfEveryBundleExistsInDutchAndInEnglish() throws IOException {
        Properties application = load("application.properties");
        List<String> bundles =
                List.of(application.getProperty("spring.messages.basename").split(","));
        assertThat(bundles).hasSizeGreaterThanOrEqualTo(9);
        for (String bundle : bundles) {
            Properties dutch = load(bundle.strip() + ".properties");
            Properties english = load(bundle.strip() + "_en.properties");
            Set<String> onlyDutch = new TreeSet<>(dutch.stringPropertyNames());
            onlyDutch.removeAll(english.stringPropertyNames());
            Set<String> onlyEnglish = new TreeSet<>(english.stringPropertyNames());
            onlyEnglish.removeAll(dutch.stringPropertyNames());
            assertThat(onlyDutch).as("%s: in Dutch only", bundle).isEmpty();
            assertThat(onlyEnglish).as("%s: in English only", bundle).isEmpty();
            for (String key : dutch.stringPropertyNames()) {
                assertThat(dutch.getProperty(key))
                        .as("%s: %s in Dutch", bundle, key)
                        .isNotBlank();
                assertThat(english.getProperty(key))
                        .as("%s: %s in English", bundle, key)
                        .isNotBlank();
            }
        }
    }

    private static Properties load(String resource) throws IOException {
        try (InputStream in = MessageBundlesTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return properties;
        }
    }
}
