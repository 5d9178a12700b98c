package org.recoil.fitting.spec;

import java.util.List;

/**
 * The {@code config} of a measurement: the parameter of interest and parameter configurations.
 *
 * @param poi name of the parameter of interest
 * @param parameters parameter configurations, unique names
 */
public record MeasurementConfig(String poi, List<ParameterConfig> parameters) {
    /** Validates and copies. */
    public MeasurementConfig {
        Specs.requireName(poi, "measurement config poi");
        parameters = List.copyOf(parameters);
        Specs.requireUnique(parameters, ParameterConfig::name, "parameter config", "measurement config: ");
    }
}
