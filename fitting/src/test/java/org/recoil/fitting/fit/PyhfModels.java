package org.recoil.fitting.fit;

import org.recoil.fitting.ReferenceFiles;
import org.recoil.fitting.model.HistFactoryModel;
import org.recoil.fitting.model.ModelOptions;

/** Reference pyhf workspaces compiled with default options (tests only). */
final class PyhfModels {
    private PyhfModels() {
    }

    static HistFactoryModel model(String name) {
        return HistFactoryModel.fromFile(ReferenceFiles.pyhf(name + ".json"), null, ModelOptions.defaults());
    }
}
