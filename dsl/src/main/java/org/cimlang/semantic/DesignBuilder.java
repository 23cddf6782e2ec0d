package org.cimlang.semantic;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.cimlang.cim.ActivationParam;
import org.cimlang.cim.AdcAttr;
import org.cimlang.compiler.ir.AdcRangeMode;
import org.cimlang.cim.AdcOffsetParam;
import org.cimlang.cim.ArrayAttr;
import org.cimlang.cim.ArrayParam;
import org.cimlang.cim.ArraysPerTileAttr;
import org.cimlang.cim.AxisParam;
import org.cimlang.cim.BiasParam;
import org.cimlang.cim.BooleanValue;
import org.cimlang.cim.BufferAttr;
import org.cimlang.cim.CalibrationDecl;
import org.cimlang.cim.CellBitsParam;
import org.cimlang.cim.ChipAttribute;
import org.cimlang.cim.ClockAttr;
import org.cimlang.cim.ConverterParam;
import org.cimlang.cim.DacAttr;
import org.cimlang.cim.DatasetDecl;
import org.cimlang.cim.DefaultQuant;
import org.cimlang.cim.DriftParam;
import org.cimlang.cim.EncodingAttr;
import org.cimlang.cim.EnduranceAttr;
import org.cimlang.cim.EnergyParam;
import org.cimlang.cim.FiltersParam;
import org.cimlang.cim.GlobalParam;
import org.cimlang.cim.GroupsParam;
import org.cimlang.cim.InputBitsDecl;
import org.cimlang.cim.KernelParam;
import org.cimlang.cim.LatencyParam;
import org.cimlang.cim.LayerParam;
import org.cimlang.cim.LifetimeDecl;
import org.cimlang.cim.MappingItem;
import org.cimlang.cim.NodeAttr;
import org.cimlang.cim.NonidealAttr;
import org.cimlang.cim.NonidealParam;
import org.cimlang.cim.NonidealSwitch;
import org.cimlang.cim.NormalizeDecl;
import org.cimlang.cim.OffsetCompensationAttr;
import org.cimlang.cim.OnOff;
import org.cimlang.cim.PackDecl;
import org.cimlang.cim.PaddingParam;
import org.cimlang.cim.QuantItem;
import org.cimlang.cim.RangeLiteral;
import org.cimlang.cim.ReadEnergyParam;
import org.cimlang.cim.ReadLatencyParam;
import org.cimlang.cim.ReadNoiseParam;
import org.cimlang.cim.ReportDecl;
import org.cimlang.cim.ReprogramDecl;
import org.cimlang.cim.ResizeDecl;
import org.cimlang.cim.RowsActiveParam;
import org.cimlang.cim.ScheduleDecl;
import org.cimlang.cim.SeedDecl;
import org.cimlang.cim.SimulationItem;
import org.cimlang.cim.SlicingAttr;
import org.cimlang.cim.StrideParam;
import org.cimlang.cim.StuckAtParam;
import org.cimlang.cim.TechnologyAttr;
import org.cimlang.cim.TilesAttr;
import org.cimlang.cim.TimeDecl;
import org.cimlang.cim.TrialsDecl;
import org.cimlang.cim.UnitsParam;
import org.cimlang.cim.VariationParam;
import org.cimlang.cim.WeightsDecl;
import org.cimlang.cim.WriteEnergyParam;
import org.cimlang.cim.WriteLatencyParam;
import org.cimlang.compiler.ir.Activation;
import org.cimlang.compiler.ir.CalibrationMethod;
import org.cimlang.compiler.ir.Chip;
import org.cimlang.compiler.ir.DatasetSpec;
import org.cimlang.compiler.ir.Design;
import org.cimlang.compiler.ir.Granularity;
import org.cimlang.compiler.ir.Layer;
import org.cimlang.compiler.ir.LayerKind;
import org.cimlang.compiler.ir.LifetimeRequirement;
import org.cimlang.compiler.ir.MappingSpec;
import org.cimlang.compiler.ir.Network;
import org.cimlang.compiler.ir.NonIdeality;
import org.cimlang.compiler.ir.NumberType;
import org.cimlang.compiler.ir.Placement;
import org.cimlang.compiler.ir.QuantOverride;
import org.cimlang.compiler.ir.PtqSteps;
import org.cimlang.compiler.ir.QuantSpec;
import org.cimlang.compiler.ir.Quantization;
import org.cimlang.compiler.ir.Range;
import org.cimlang.compiler.ir.ScheduleKind;
import org.cimlang.compiler.ir.Shape;
import org.cimlang.compiler.ir.SimulationSpec;
import org.cimlang.compiler.ir.Slicing;
import org.cimlang.compiler.ir.Technology;
import org.cimlang.compiler.ir.WeightEncoding;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;

/**
 * The semantic layer's translation of the EMF model into the compiler's IR. Total on erroneous
 * models: what cannot be read becomes 0/absent (the validator reports why), so that shape inference
 * and the mapping engine still give every other diagnostic. Each IR element's origin is the EMF
 * object it came from.
 */
public final class DesignBuilder {
    private DesignBuilder() {
    }

    /** A design holding one mapping and what it refers to (chip, network, quantization), if resolved. */
    public static Design forMapping(org.cimlang.cim.Mapping m) {
        return forMapping(m, DesignBuilder::network);
    }

    /** As {@link #forMapping(org.cimlang.cim.Mapping)}, with the network's IR from {@code networks}. */
    public static Design forMapping(org.cimlang.cim.Mapping m,
            java.util.function.Function<org.cimlang.cim.Network, Network> networks) {
        List<Chip> chips = new ArrayList<>();
        List<Network> irNetworks = new ArrayList<>();
        List<Quantization> quants = new ArrayList<>();
        if (resolved(m.getChip())) {
            chips.add(chip(m.getChip()));
        }
        if (resolved(m.getNetwork())) {
            irNetworks.add(networks.apply(m.getNetwork()));
        }
        if (resolved(m.getQuantization())) {
            quants.add(quantization(m.getQuantization()));
        }
        return new Design(chips, irNetworks, quants, List.of(mapping(m)), List.of());
    }

    /** A design holding a simulation and everything its mapping refers to. */
    public static Design forSimulation(org.cimlang.cim.Simulation s) {
        if (!resolved(s.getMapping())) {
            return new Design(List.of(), List.of(), List.of(), List.of(), List.of(simulation(s)));
        }
        Design d = forMapping(s.getMapping());
        return new Design(d.chips(), d.networks(), d.quantizations(), d.mappings(), List.of(simulation(s)));
    }

    /** True when a reference to a declaration was resolved (not a proxy). */
    public static boolean resolvedDeclaration(EObject o) {
        return resolved(o);
    }

    static boolean resolved(EObject o) {
        return o != null && !o.eIsProxy();
    }

    /* ---------------------------------------------------------------- chip */

    public static Chip chip(org.cimlang.cim.Chip c) {
        Technology technology = null;
        double node = 0;
        double clock = 0;
        long tiles = 0;
        long arraysPerTile = 0;
        long rows = 0;
        long cols = 0;
        int cellBits = 1;
        double readLatency = 0;
        double readEnergy = 0;
        double writeLatency = 0;
        double writeEnergy = 0;
        long rowsActive = 0;
        int adcBits = 0;
        boolean idealAdc = false;
        AdcRangeMode adcRange = AdcRangeMode.MAX;
        double adcPercentile = 0;
        boolean adcSigned = false;
        long adcShared = 1;
        double adcLatency = 0;
        double adcEnergy = 0;
        int dacBits = 1;
        double dacEnergy = 0;
        WeightEncoding encoding = null;
        Slicing slicing = null;
        long buffer = 0;
        double endurance = 0;
        long compensationRows = 0;
        NonIdeality nonideal = NonIdeality.NONE;
        long arraysPerPe = 0;
        org.cimlang.compiler.ir.AdcArchitecture adcArchitecture = null;
        org.cimlang.compiler.ir.Interconnect interconnect = null;
        long busWidth = 0;
        double cellArea = 0;
        double writeDrivers = -1;
        double adcArea = 0;
        double dacArea = 0;
        double supply = 0;
        org.cimlang.compiler.ir.ComputeMode computeMode = null;
        double capacitor = 0;
        boolean pulses = false;
        boolean macroOnly = false;
        Map<String, Object> origins = new HashMap<>();
        for (ChipAttribute a : c.getAttributes()) {
            if (a instanceof TechnologyAttr t) {
                technology = Technology.valueOf(t.getTechnology().getName().toUpperCase(java.util.Locale.ROOT));
                origins.put("technology", a);
            } else if (a instanceof NodeAttr n) {
                node = Numbers.quantity(n.getSize(), Dimension.LENGTH, 0);
                origins.put("node", a);
            } else if (a instanceof ClockAttr k) {
                clock = Numbers.quantity(k.getFrequency(), Dimension.FREQUENCY, 0);
                origins.put("clock", a);
            } else if (a instanceof TilesAttr t) {
                tiles = Numbers.count(t.getCount(), 0);
                origins.put("tiles", a);
            } else if (a instanceof ArraysPerTileAttr t) {
                arraysPerTile = Numbers.count(t.getCount(), 0);
                origins.put("arraysPerTile", a);
            } else if (a instanceof org.cimlang.cim.SupplyAttr s) {
                supply = Numbers.quantity(s.getValue(), Dimension.VOLTAGE, 0);
                origins.put("supply", a);
            } else if (a instanceof org.cimlang.cim.MacroOnlyAttr) {
                macroOnly = true;
                origins.put("macroOnly", a);
            } else if (a instanceof org.cimlang.cim.ArraysPerPeAttr t) {
                arraysPerPe = Numbers.count(t.getCount(), 0);
                origins.put("arraysPerPe", a);
            } else if (a instanceof org.cimlang.cim.InterconnectAttr ic) {
                interconnect = org.cimlang.compiler.ir.Interconnect.valueOf(
                        ic.getKind().getName().toUpperCase(java.util.Locale.ROOT));
                busWidth = ic.getWidth() == null ? 0 : Numbers.count(ic.getWidth(), 0);
                origins.put("interconnect", a);
            } else if (a instanceof ArrayAttr arr) {
                rows = Numbers.count(arr.getRows(), 0);
                cols = Numbers.count(arr.getCols(), 0);
                origins.put("array", a);
                for (ArrayParam p : arr.getParams()) {
                    if (p instanceof CellBitsParam cb) {
                        cellBits = (int) Math.min(Numbers.count(cb.getBits(), 1), 64);
                        origins.put("cellBits", p);
                    } else if (p instanceof ReadLatencyParam q) {
                        readLatency = Numbers.quantity(q.getValue(), Dimension.TIME, 0);
                    } else if (p instanceof ReadEnergyParam q) {
                        readEnergy = Numbers.quantity(q.getValue(), Dimension.ENERGY, 0);
                    } else if (p instanceof WriteLatencyParam q) {
                        writeLatency = Numbers.quantity(q.getValue(), Dimension.TIME, 0);
                    } else if (p instanceof WriteEnergyParam q) {
                        writeEnergy = Numbers.quantity(q.getValue(), Dimension.ENERGY, 0);
                    } else if (p instanceof org.cimlang.cim.CellAreaParam q) {
                        cellArea = Numbers.quantity(q.getValue(), Dimension.CELL_AREA, 0);
                    } else if (p instanceof org.cimlang.cim.WriteDriversParam q) {
                        writeDrivers = Math.max(0, Numbers.quantity(q.getValue(), Dimension.AREA, 0));
                    } else if (p instanceof org.cimlang.cim.ComputeParam q) {
                        computeMode = org.cimlang.compiler.ir.ComputeMode.valueOf(
                                q.getMode().getName().toUpperCase(java.util.Locale.ROOT));
                        capacitor = q.getCapacitor() == null ? 0
                                : Math.max(0, Numbers.quantity(q.getCapacitor(), Dimension.CAPACITANCE, 0));
                        origins.put("compute", p);
                    } else if (p instanceof RowsActiveParam q) {
                        rowsActive = Numbers.count(q.getCount(), 0);
                        origins.put("rowsActive", p);
                    }
                }
            } else if (a instanceof AdcAttr adc) {
                idealAdc = adc.isIdeal();
                if (adc.getRange() == org.cimlang.cim.AdcRange.GRANULAR) {
                    adcRange = AdcRangeMode.GRANULAR;
                } else if (adc.getRange() == org.cimlang.cim.AdcRange.CALIBRATED) {
                    adcRange = AdcRangeMode.CALIBRATED;
                } else if (adc.getRange() == org.cimlang.cim.AdcRange.NONLINEAR) {
                    adcRange = AdcRangeMode.NONLINEAR;
                }
                adcSigned = adc.isSigned();
                // the enum's first literal is EMF's default, so eIsSet cannot tell 'sar' from nothing: ask the text
                if (!org.eclipse.xtext.nodemodel.util.NodeModelUtils.findNodesForFeature(adc,
                        org.cimlang.cim.CimPackage.Literals.ADC_ATTR__ARCHITECTURE).isEmpty()) {
                    adcArchitecture = org.cimlang.compiler.ir.AdcArchitecture.valueOf(
                            adc.getArchitecture().getName().toUpperCase(java.util.Locale.ROOT));
                }
                if (adc.getPercentile() != null) {
                    java.math.BigDecimal pc = Numbers.decimal(adc.getPercentile());
                    adcPercentile = pc == null ? 0 : Math.max(0, Math.min(100, pc.doubleValue()));
                }
                adcBits = adc.isIdeal() ? 0 : (int) Math.min(Numbers.count(adc.getBits(), 0), 64);
                adcShared = adc.getShared() == null ? 1 : Math.max(1, Numbers.count(adc.getShared(), 1));
                for (ConverterParam p : adc.getParams()) {
                    if (p instanceof LatencyParam q) {
                        adcLatency = Numbers.quantity(q.getValue(), Dimension.TIME, 0);
                    } else if (p instanceof EnergyParam q) {
                        adcEnergy = Numbers.quantity(q.getValue(), Dimension.ENERGY, 0);
                    } else if (p instanceof org.cimlang.cim.AreaParam q) {
                        adcArea = Numbers.quantity(q.getValue(), Dimension.AREA, 0);
                    }
                }
                origins.put("adc", a);
            } else if (a instanceof DacAttr dac) {
                dacBits = (int) Math.min(Numbers.count(dac.getBits(), 1), 64);
                pulses = dac.isPulses();
                for (ConverterParam p : dac.getParams()) {
                    if (p instanceof EnergyParam q) {
                        dacEnergy = Numbers.quantity(q.getValue(), Dimension.ENERGY, 0);
                    } else if (p instanceof org.cimlang.cim.AreaParam q) {
                        dacArea = Numbers.quantity(q.getValue(), Dimension.AREA, 0);
                    }
                }
                origins.put("dac", a);
            } else if (a instanceof EncodingAttr e) {
                encoding = WeightEncoding.valueOf(e.getEncoding().getName().toUpperCase(java.util.Locale.ROOT));
                origins.put("encoding", a);
            } else if (a instanceof SlicingAttr s) {
                slicing = Slicing.valueOf(s.getSlicing().getName().toUpperCase(java.util.Locale.ROOT));
                origins.put("slicing", a);
            } else if (a instanceof BufferAttr b) {
                buffer = (long) Numbers.quantity(b.getSize(), Dimension.SIZE, 0);
                origins.put("buffer", a);
            } else if (a instanceof EnduranceAttr e) {
                var d = Numbers.decimal(e.getWrites() == null ? null : e.getWrites().getValue());
                endurance = d == null ? 0 : d.doubleValue();
                origins.put("endurance", a);
            } else if (a instanceof OffsetCompensationAttr o) {
                compensationRows = Numbers.count(o.getRows(), 0);
                origins.put("offsetCompensation", a);
            } else if (a instanceof NonidealAttr n) {
                nonideal = nonideal(n);
                origins.put("nonideal", a);
            }
        }
        return Chip.builder(c.getName()).technology(technology).nodeNm(node).clockHz(clock).tiles(tiles)
                .arraysPerTile(arraysPerTile).array(rows, cols).cellBits(cellBits).readLatencyS(readLatency)
                .readEnergyJ(readEnergy).writeLatencyS(writeLatency).writeEnergyJ(writeEnergy).rowsActive(rowsActive)
                .adcBits(adcBits).idealAdc(idealAdc).adcRange(adcRange).adcPercentile(adcPercentile).adcSigned(adcSigned)
                .adcSharedColumns(adcShared).adcLatencyS(adcLatency).adcEnergyJ(adcEnergy)
                .dacBits(dacBits).dacEnergyJ(dacEnergy).encoding(encoding).slicing(slicing).bufferBytesPerTile(buffer)
                .enduranceWrites(endurance).offsetCompensationRows(compensationRows).nonideal(nonideal)
                .periphery(new org.cimlang.compiler.ir.Periphery(arraysPerPe, adcArchitecture, interconnect, busWidth,
                        cellArea, writeDrivers, adcArea, dacArea, supply, computeMode, capacitor, pulses, macroOnly))
                .origin(c).partOrigins(origins).build();
    }

    private static NonIdeality nonideal(NonidealAttr n) {
        double variation = 0;
        boolean logNormal = false;
        boolean ofMax = false;
        double readNoise = 0;
        boolean readOfMax = false;
        double sa0 = 0;
        double sa1 = 0;
        double adcOffset = 0;
        double drift = 0;
        double onOff = 0;
        boolean pcm = false;
        boolean compensation = false;
        double inl = 0;
        double dnl = 0;
        double wire = 0;
        for (NonidealParam p : n.getParams()) {
            if (p instanceof VariationParam v) {
                variation = Numbers.quantity(v.getValue(), Dimension.PERCENT, 0);
                logNormal = v.isLognormal();
                ofMax = v.isOfMax();
            } else if (p instanceof ReadNoiseParam r) {
                readNoise = Numbers.quantity(r.getValue(), Dimension.PERCENT, 0);
                readOfMax = r.isOfMax();
            } else if (p instanceof StuckAtParam s) {
                double rate = Numbers.quantity(s.getValue(), Dimension.PERCENT, 0);
                if (s.isZero()) {
                    sa0 = rate;
                } else {
                    sa1 = rate;
                }
            } else if (p instanceof AdcOffsetParam a) {
                adcOffset = Numbers.quantity(a.getValue(), Dimension.LSB, 0);
            } else if (p instanceof DriftParam d) {
                drift = Numbers.quantity(d.getValue(), Dimension.NONE, 0);
            } else if (p instanceof org.cimlang.cim.OnOffRatioParam r) {
                onOff = Numbers.quantity(r.getValue(), Dimension.NONE, 0);
            } else if (p instanceof org.cimlang.cim.PcmNoiseParam) {
                pcm = true;
            } else if (p instanceof org.cimlang.cim.DriftCompensationParam) {
                compensation = true;
            } else if (p instanceof org.cimlang.cim.AdcLinearityParam a) {
                double lsb = Numbers.quantity(a.getValue(), Dimension.LSB, 0);
                if (a.isInl()) {
                    inl = lsb;
                } else {
                    dnl = lsb;
                }
            } else if (p instanceof org.cimlang.cim.WireResistanceParam w) {
                wire = Numbers.quantity(w.getValue(), Dimension.NONE, 0);
            }
        }
        return new NonIdeality(variation, logNormal, readNoise, sa0, sa1, adcOffset, drift, n, ofMax, onOff, readOfMax,
                pcm, compensation, inl, dnl, wire);
    }

    /* ------------------------------------------------------------- network */

    public static Network network(org.cimlang.cim.Network n) {
        List<Layer> layers = new ArrayList<>();
        for (org.cimlang.cim.Layer l : n.getLayers()) {
            layers.add(layer(l));
        }
        String weights = null;
        for (WeightsDecl w : n.getWeights()) {
            weights = w.getPath();
        }
        org.cimlang.compiler.ir.Activity activity = org.cimlang.compiler.ir.Activity.DEFAULT;
        for (org.cimlang.cim.ActivityDecl d : n.getActivity()) {
            activity = new org.cimlang.compiler.ir.Activity(fraction(d.getInputs()), fraction(d.getWeights()));
        }
        return new Network(n.getName() == null ? "" : n.getName(), layers, weights, activity, n);
    }

    /** A density in (0, 1]; anything else is "not given" (the validator reports it). */
    private static double fraction(String decimal) {
        java.math.BigDecimal d = Numbers.decimal(decimal);
        return d == null || d.signum() <= 0 || d.compareTo(java.math.BigDecimal.ONE) > 0 ? 0 : d.doubleValue();
    }

    public static LayerKind kind(org.cimlang.cim.Layer l) {
        return constant(LAYER_KINDS, LayerKind.class, l.getKind().getName());
    }

    /** Every layer names its kind and most an activation: looked up by the keyword, not upper-cased each time. */
    private static final java.util.Map<String, LayerKind> LAYER_KINDS = byKeyword(LayerKind.values());
    private static final java.util.Map<String, Activation> ACTIVATIONS = byKeyword(Activation.values());

    private static <E extends Enum<E>> java.util.Map<String, E> byKeyword(E[] values) {
        java.util.Map<String, E> out = new java.util.HashMap<>();
        for (E e : values) {
            out.put(e.name().toLowerCase(java.util.Locale.ROOT), e);
        }
        return java.util.Map.copyOf(out);
    }

    private static <E extends Enum<E>> E constant(java.util.Map<String, E> byKeyword, Class<E> type, String keyword) {
        E e = byKeyword.get(keyword);
        return e != null ? e : Enum.valueOf(type, keyword.toUpperCase(java.util.Locale.ROOT));
    }

    public static Layer layer(org.cimlang.cim.Layer l) {
        Layer.Builder b = Layer.builder(l.getName() == null ? "" : l.getName(), kind(l)).origin(l);
        b.inputs(inputNames(l));
        if (l.getShape() != null) {
            long[] dims = l.getShape().getDims().stream().mapToLong(c -> Numbers.count(c, 0)).toArray();
            b.shape(Shape.of(dims));
        }
        for (LayerParam p : l.getParams()) {
            if (p instanceof FiltersParam f) {
                b.filters(Numbers.count(f.getCount(), 0));
            } else if (p instanceof UnitsParam u) {
                b.units(Numbers.count(u.getCount(), 0));
            } else if (p instanceof KernelParam k) {
                long h = Numbers.count(k.getH(), 0);
                b.kernel(h, k.getW() == null ? h : Numbers.count(k.getW(), 0));
            } else if (p instanceof StrideParam s) {
                long h = Numbers.count(s.getH(), 0);
                b.stride(h, s.getW() == null ? h : Numbers.count(s.getW(), 0));
            } else if (p instanceof PaddingParam s) {
                long h = Numbers.count(s.getH(), 0);
                b.padding(h, s.getW() == null ? h : Numbers.count(s.getW(), 0));
            } else if (p instanceof GroupsParam g) {
                b.groups(Numbers.count(g.getCount(), 1));
            } else if (p instanceof BiasParam bp) {
                b.bias(bp.getValue() == BooleanValue.TRUE);
            } else if (p instanceof GlobalParam) {
                b.global(true);
            } else if (p instanceof org.cimlang.cim.CeilParam) {
                b.ceil(true);
            } else if (p instanceof org.cimlang.cim.LastParam) {
                b.last(true);
            } else if (p instanceof org.cimlang.cim.VocabularyParam v) {
                b.vocabulary(Numbers.count(v.getCount(), 0));
            } else if (p instanceof org.cimlang.cim.DimParam d) {
                b.dim(Numbers.count(d.getCount(), 0));
            } else if (p instanceof AxisParam a) {
                b.axis((int) Math.min(Numbers.count(a.getAxis(), 0), 8));
            } else if (p instanceof ActivationParam a) {
                b.activation(constant(ACTIVATIONS, Activation.class, a.getFunction().getName()));
            }
        }
        return b.build();
    }

    /** Input names as written, also for references the linker could not resolve. */
    static List<String> inputNames(org.cimlang.cim.Layer l) {
        List<String> names = new ArrayList<>();
        // the node model is searched only for an unresolved input: it costs more than the rest of the layer
        List<INode> nodes = null;
        for (int i = 0; i < l.getInputs().size(); i++) {
            org.cimlang.cim.Layer in = l.getInputs().get(i);
            if (resolved(in) && in.getName() != null) {
                names.add(in.getName());
                continue;
            }
            if (nodes == null) {
                nodes = NodeModelUtils.findNodesForFeature(l, org.cimlang.cim.CimPackage.Literals.LAYER__INPUTS);
            }
            if (i < nodes.size()) {
                names.add(NodeModelUtils.getTokenText(nodes.get(i)));
            }
        }
        return names;
    }

    /* -------------------------------------------------------- quantization */

    public static Quantization quantization(org.cimlang.cim.Quantization q) {
        QuantSpec weights = null;
        QuantSpec activations = null;
        List<QuantOverride> overrides = new ArrayList<>();
        String calibration = null;
        long samples = 0;
        boolean noiseAware = false;
        for (QuantItem item : q.getItems()) {
            if (item instanceof DefaultQuant d) {
                if (d.isWeights()) {
                    weights = spec(d.getSpec());
                } else {
                    activations = spec(d.getSpec());
                }
            } else if (item instanceof org.cimlang.cim.QuantOverride o) {
                String pattern = o.getPattern() != null ? o.getPattern() : referencedName(o,
                        org.cimlang.cim.CimPackage.Literals.QUANT_OVERRIDE__LAYER, o.getLayer());
                QuantSpec s = spec(o.getSpec());
                overrides.add(new QuantOverride(pattern, o.isWeights() ? s : null, o.isWeights() ? null : s, o));
            } else if (item instanceof CalibrationDecl c) {
                calibration = c.getPath();
                samples = Numbers.count(c.getSamples(), 0);
            } else if (item instanceof org.cimlang.cim.NoiseAwareTraining) {
                noiseAware = true;
            }
        }
        String network = resolved(q.getNetwork()) ? q.getNetwork().getName() : null;
        return new Quantization(q.getName(), network, weights, activations, overrides, calibration, samples, q,
                noiseAware);
    }

    public static QuantSpec spec(org.cimlang.cim.QuantSpec s) {
        if (s == null) {
            return null;
        }
        NumberType type = NumberType.parse(s.getType());
        if (type != null && s.getMaxMagnitude() != null) {
            type = type.withMaxMagnitude((int) Math.min(Numbers.count(s.getMaxMagnitude(), 0), 1 << 16));
        }
        Boolean symmetric = s.isSymmetric() ? Boolean.TRUE : s.isAsymmetric() ? Boolean.FALSE : null;
        // EMF enums read as their first literal when unset: only what the file wrote counts
        Granularity granularity = !s.eIsSet(org.cimlang.cim.CimPackage.Literals.QUANT_SPEC__GRANULARITY) ? null
                : s.getGranularity() == org.cimlang.cim.Granularity.PER_CHANNEL ? Granularity.PER_CHANNEL
                : Granularity.PER_TENSOR;
        CalibrationMethod method = s.eIsSet(org.cimlang.cim.CimPackage.Literals.QUANT_SPEC__CALIBRATION)
                ? CalibrationMethod.valueOf(s.getCalibration().getName().toUpperCase(java.util.Locale.ROOT)) : null;
        var p = Numbers.decimal(s.getPercentile());
        return new QuantSpec(type, symmetric, granularity, method, p == null ? null : p.doubleValue(), s,
                new PtqSteps(s.isEqualize(), s.isAdaround(), s.isBiascorrect()));
    }

    private static String referencedName(EObject owner, EReference ref, org.cimlang.cim.Layer target) {
        if (resolved(target) && target.getName() != null) {
            return target.getName();
        }
        List<INode> nodes = NodeModelUtils.findNodesForFeature(owner, ref);
        return nodes.isEmpty() ? "" : NodeModelUtils.getTokenText(nodes.get(0));
    }

    /* ------------------------------------------------------------- mapping */

    public static MappingSpec mapping(org.cimlang.cim.Mapping m) {
        List<Placement> placements = new ArrayList<>();
        ScheduleKind schedule = ScheduleKind.PIPELINE;
        boolean reprogram = false;
        boolean pack = false;
        boolean layerPerTile = false;
        LifetimeRequirement lifetime = null;
        Map<String, Object> origins = new HashMap<>();
        for (MappingItem item : m.getItems()) {
            if (item instanceof org.cimlang.cim.Placement p) {
                String pattern = p.getPattern() != null ? p.getPattern() : referencedName(p,
                        org.cimlang.cim.CimPackage.Literals.PLACEMENT__LAYER, p.getLayer());
                placements.add(new Placement(pattern, range(p.getTiles()), range(p.getArrays()),
                        p.getReplicate() == null ? 0 : Numbers.count(p.getReplicate(), 0), p.isAuto(),
                        p.isFaultAware(), p.isOnArrays() ? org.cimlang.compiler.ir.OperandSite.ARRAYS
                                : p.isOnDigital() ? org.cimlang.compiler.ir.OperandSite.DIGITAL : null, p));
            } else if (item instanceof ScheduleDecl s) {
                schedule = ScheduleKind.valueOf(s.getKind().getName().toUpperCase(java.util.Locale.ROOT));
                origins.put("schedule", s);
            } else if (item instanceof ReprogramDecl r) {
                reprogram = true;
                origins.put("reprogram", r);
            } else if (item instanceof PackDecl) {
                pack = true;
            } else if (item instanceof org.cimlang.cim.FloorplanDecl) {
                layerPerTile = true;
                origins.put("floorplan", item);
            } else if (item instanceof LifetimeDecl l) {
                lifetime = new LifetimeRequirement(Numbers.quantity(l.getYears(), Dimension.YEARS, 0),
                        Numbers.quantity(l.getFps(), Dimension.RATE, 0), l);
            }
        }
        String network = resolved(m.getNetwork()) ? m.getNetwork().getName() : null;
        String chip = resolved(m.getChip()) ? m.getChip().getName() : null;
        String quant = resolved(m.getQuantization()) ? m.getQuantization().getName() : null;
        return new MappingSpec(m.getName(), network, chip, quant, placements, schedule, reprogram, pack, layerPerTile,
                lifetime, m,
                origins);
    }

    static Range range(RangeLiteral r) {
        if (r == null) {
            return null;
        }
        long first = Numbers.count(r.getFirst(), -1);
        long last = r.getLast() == null ? first : Numbers.count(r.getLast(), -1);
        return new Range(first, last);
    }

    /* ---------------------------------------------------------- simulation */

    public static SimulationSpec simulation(org.cimlang.cim.Simulation s) {
        DatasetDecl dataset = null;
        long resizeH = 0;
        long resizeW = 0;
        Double mean = null;
        Double std = null;
        int inputBits = 0;
        boolean nonideal = false;
        long seed = 0;
        long trials = 1;
        double time = 0;
        String report = null;
        for (SimulationItem item : s.getItems()) {
            if (item instanceof DatasetDecl d) {
                dataset = d;
            } else if (item instanceof ResizeDecl r) {
                resizeH = Numbers.count(r.getH(), 0);
                resizeW = Numbers.count(r.getW(), 0);
            } else if (item instanceof NormalizeDecl n) {
                var m = Numbers.decimal(n.getMean());
                var sd = Numbers.decimal(n.getStd());
                mean = m == null ? null : m.doubleValue();
                std = sd == null ? null : sd.doubleValue();
            } else if (item instanceof InputBitsDecl b) {
                inputBits = (int) Math.min(Numbers.count(b.getBits(), 0), 64);
            } else if (item instanceof NonidealSwitch n) {
                nonideal = n.getValue() == OnOff.ON;
            } else if (item instanceof SeedDecl sd) {
                seed = Numbers.count(sd.getValue(), 0);
            } else if (item instanceof TrialsDecl t) {
                trials = Math.max(1, Numbers.count(t.getCount(), 1));
            } else if (item instanceof TimeDecl t) {
                time = Numbers.quantity(t.getValue(), Dimension.TIME, 0);
            } else if (item instanceof ReportDecl r) {
                report = r.getPath();
            }
        }
        DatasetSpec ds = dataset == null ? null
                : new DatasetSpec(dataset.getFormat(), dataset.getPath(),
                        dataset.getSplit() == null ? "test" : dataset.getSplit(), Numbers.count(dataset.getLimit(), 0),
                        resizeH, resizeW, mean, std, inputBits, dataset);
        String mapping = resolved(s.getMapping()) ? s.getMapping().getName() : null;
        return new SimulationSpec(s.getName(), mapping, ds, nonideal, seed, trials, time, report, s);
    }
}
