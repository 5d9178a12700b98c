package org.recoil.fitting.spec;

import java.util.List;

/**
 * A named measurement: which parameter is of interest and how parameters are configured.
 *
 * @param name measurement name
 * @param config POI and parameter configs
 */
public record Measurement(String name, MeasurementConfig config) {
    /** Validates. */
    public Measurement {
        Specs.requireName(name, "measurement");
        if (config == null) {
            throw new InvalidWorkspaceException("measurement '" + name + "': missing config");
        }
    }

    /** @return a measurement with this POI and parameter configs */
    public static Measurement of(String name, String poi, ParameterConfig... parameters) {
        return new Measurement(name, new MeasurementConfig(poi, List.of(parameters)));
    }

    /** @return the POI name */
    public String poi() {
        return config.poi();
    }

    /** @return the parameter configs */
    public List<ParameterConfig> parameters() {
        return config.parameters();
    }
}
