package sr.gov.vpflow.platform.web;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import sr.gov.vpflow.platform.SchemaFeatures;

/** Every page knows which schema features exist: v1.1-A pages and links show only on a v1.1-A database. */
@ControllerAdvice(annotations = PageController.class)
class FeaturesAdvice {

    private final SchemaFeatures features;

    FeaturesAdvice(SchemaFeatures features) {
        this.features = features;
    }

    @ModelAttribute("features")
    SchemaFeatures.Features features() {
        return features.snapshot();
    }
}
