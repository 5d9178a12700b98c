package org.recoil.cli;

import java.nio.file.Path;
import org.recoil.fitting.model.HistFactoryModel;
import org.recoil.fitting.model.ModelOptions;

/** Loading the model of a workspace for the statistics commands. */
final class Workspaces {

    private Workspaces() {
    }

    /**
     * @param file pyhf JSON workspace
     * @param measurement measurement name or null for the first
     * @return the compiled model with pyhf's default options
     */
    static HistFactoryModel load(Path file, String measurement) {
        return HistFactoryModel.fromFile(file, measurement, ModelOptions.defaults());
    }
}
