package org.cimlang.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.cimlang.cim.CalibrationDecl;
import org.cimlang.cim.CimPackage;
import org.cimlang.cim.ReportDecl;
import org.cimlang.semantic.PathsInWorkspace;
import org.cimlang.cim.DatasetDecl;
import org.cimlang.cim.InputBitsDecl;
import org.cimlang.cim.ResizeDecl;
import org.cimlang.cim.Simulation;
import org.cimlang.cim.SimulationItem;
import org.cimlang.cim.TrialsDecl;
import org.cimlang.compiler.ir.Limits;
import org.eclipse.xtext.validation.Check;

/** A simulation's mapping link, its dataset and the ranges of its settings. */
public class SimulationChecks extends CimChecks {

    @Check
    public void checkSimulation(Simulation s) {
        if (s.getMapping() == null) {
            missing("simulation " + s.getName() + " needs the mapping it runs: 'simulation " + s.getName()
                    + " of MAPPING'", s, CimPackage.Literals.DECLARATION__NAME, CimIssueCodes.LINK_MISSING);
        }
        List<SimulationItem> datasets = new ArrayList<>();
        Set<Class<?>> seen = new java.util.HashSet<>();
        for (SimulationItem item : s.getItems()) {
            if (item instanceof DatasetDecl) {
                datasets.add(item);
            }
            if (!seen.add(item.eClass().getInstanceClass())) {
                error(keywordOf(item) + " is given twice: keep one", item, null, CimIssueCodes.PARAM_DUPLICATE);
            }
        }
        if (datasets.isEmpty()) {
            missing("simulation " + s.getName() + " needs a dataset, e.g. 'dataset mnist' (the bundled digits) or "
                    + "'dataset mnist \"data/mnist\" split test'", s, CimPackage.Literals.DECLARATION__NAME,
                    CimIssueCodes.DATASET);
        }
    }

    @Check
    public void checkDataset(DatasetDecl d) {
        if (!List.of("mnist", "cifar10").contains(d.getFormat())) {
            error("unknown dataset format '" + d.getFormat() + "': use mnist or cifar10", d,
                    CimPackage.Literals.DATASET_DECL__FORMAT, CimIssueCodes.DATASET);
        }
        if ("cifar10".equals(d.getFormat()) && d.getPath() == null) {
            error("cifar10 needs the folder holding its binary batches: "
                    + "'dataset cifar10 \"data/cifar-10-batches-bin\"'", d, CimPackage.Literals.DATASET_DECL__FORMAT,
                    CimIssueCodes.DATASET);
        }
        if (d.getSplit() != null && !List.of("train", "test").contains(d.getSplit())) {
            error("unknown split '" + d.getSplit() + "': write 'split train' or 'split test'", d,
                    CimPackage.Literals.DATASET_DECL__SPLIT, CimIssueCodes.DATASET);
        }
    }

    /** A simulation reads and writes only inside its workspace (see WorkspaceBoundary). */
    @Check
    public void checkDatasetInWorkspace(DatasetDecl d) {
        PathsInWorkspace.outside(d, "dataset", d.getPath()).ifPresent(m -> error(m, d,
                CimPackage.Literals.DATASET_DECL__PATH, CimIssueCodes.PATH_OUTSIDE));
    }

    @Check
    public void checkReportInWorkspace(ReportDecl r) {
        PathsInWorkspace.outside(r, "report", r.getPath()).ifPresent(m -> error(m, r,
                CimPackage.Literals.REPORT_DECL__PATH, CimIssueCodes.PATH_OUTSIDE));
    }

    @Check
    public void checkCalibrationInWorkspace(CalibrationDecl c) {
        PathsInWorkspace.outside(c, "calibration data", c.getPath()).ifPresent(m -> error(m, c,
                CimPackage.Literals.CALIBRATION_DECL__PATH, CimIssueCodes.PATH_OUTSIDE));
    }

    @Check
    public void checkInputBits(InputBitsDecl b) {
        bits(b.getBits(), Limits.MAX_TYPE_BITS, "input bits");
    }

    @Check
    public void checkResize(ResizeDecl r) {
        range(r.getH(), 1, Limits.MAX_RESIZE, "resize height", CimIssueCodes.RANGE_POSITIVE);
        range(r.getW(), 1, Limits.MAX_RESIZE, "resize width", CimIssueCodes.RANGE_POSITIVE);
    }

    @Check
    public void checkTrials(TrialsDecl t) {
        range(t.getCount(), 1, 1_000_000, "trials", CimIssueCodes.RANGE_POSITIVE);
    }
}
