package org.cimlang.semantic;

import org.cimlang.cim.AdcOffsetParam;
import org.cimlang.cim.BufferAttr;
import org.cimlang.cim.CimPackage;
import org.cimlang.cim.ClockAttr;
import org.cimlang.cim.DriftParam;
import org.cimlang.cim.OnOffRatioParam;
import org.cimlang.cim.EnergyParam;
import org.cimlang.cim.LatencyParam;
import org.cimlang.cim.LifetimeDecl;
import org.cimlang.cim.NodeAttr;
import org.cimlang.cim.Quantity;
import org.cimlang.cim.ReadEnergyParam;
import org.cimlang.cim.ReadLatencyParam;
import org.cimlang.cim.ReadNoiseParam;
import org.cimlang.cim.StuckAtParam;
import org.cimlang.cim.TimeDecl;
import org.cimlang.cim.VariationParam;
import org.cimlang.cim.WriteEnergyParam;
import org.cimlang.cim.WriteLatencyParam;
import org.eclipse.emf.ecore.EObject;

/** Which dimension each quantity of the language measures, decided by where it is written. */
public final class QuantityDimensions {
    private QuantityDimensions() {
    }

    public static Dimension of(Quantity q) {
        EObject c = q.eContainer();
        if (c instanceof NodeAttr) {
            return Dimension.LENGTH;
        }
        if (c instanceof ClockAttr) {
            return Dimension.FREQUENCY;
        }
        if (c instanceof ReadLatencyParam || c instanceof WriteLatencyParam || c instanceof LatencyParam
                || c instanceof TimeDecl) {
            return Dimension.TIME;
        }
        if (c instanceof ReadEnergyParam || c instanceof WriteEnergyParam || c instanceof EnergyParam) {
            return Dimension.ENERGY;
        }
        if (c instanceof BufferAttr) {
            return Dimension.SIZE;
        }
        if (c instanceof org.cimlang.cim.AreaParam || c instanceof org.cimlang.cim.WriteDriversParam) {
            return Dimension.AREA;
        }
        if (c instanceof org.cimlang.cim.CellAreaParam) {
            return Dimension.CELL_AREA;
        }
        if (c instanceof org.cimlang.cim.SupplyAttr) {
            return Dimension.VOLTAGE;
        }
        if (c instanceof org.cimlang.cim.ComputeParam) {
            return Dimension.CAPACITANCE;
        }
        if (c instanceof VariationParam || c instanceof ReadNoiseParam || c instanceof StuckAtParam) {
            return Dimension.PERCENT;
        }
        if (c instanceof AdcOffsetParam || c instanceof org.cimlang.cim.AdcLinearityParam) {
            return Dimension.LSB;
        }
        if (c instanceof DriftParam || c instanceof OnOffRatioParam || c instanceof org.cimlang.cim.WireResistanceParam) {
            return Dimension.NONE;
        }
        if (c instanceof LifetimeDecl) {
            return q.eContainmentFeature() == CimPackage.Literals.LIFETIME_DECL__YEARS ? Dimension.YEARS
                    : Dimension.RATE;
        }
        return Dimension.NONE;
    }

    /** The keyword a user recognises the quantity by, for messages. */
    public static String label(Quantity q) {
        EObject c = q.eContainer();
        if (c instanceof NodeAttr) {
            return "node";
        }
        if (c instanceof ClockAttr) {
            return "clock";
        }
        if (c instanceof ReadLatencyParam) {
            return "read latency";
        }
        if (c instanceof WriteLatencyParam) {
            return "write latency";
        }
        if (c instanceof LatencyParam) {
            return "latency";
        }
        if (c instanceof TimeDecl) {
            return "time";
        }
        if (c instanceof ReadEnergyParam) {
            return "read energy";
        }
        if (c instanceof WriteEnergyParam) {
            return "write energy";
        }
        if (c instanceof EnergyParam) {
            return "energy";
        }
        if (c instanceof BufferAttr) {
            return "buffer";
        }
        if (c instanceof org.cimlang.cim.AreaParam) {
            return "area";
        }
        if (c instanceof org.cimlang.cim.WriteDriversParam) {
            return "write drivers";
        }
        if (c instanceof org.cimlang.cim.CellAreaParam) {
            return "cell area";
        }
        if (c instanceof org.cimlang.cim.SupplyAttr) {
            return "supply";
        }
        if (c instanceof org.cimlang.cim.ComputeParam) {
            return "capacitor";
        }
        if (c instanceof VariationParam) {
            return "variation";
        }
        if (c instanceof ReadNoiseParam) {
            return "read noise";
        }
        if (c instanceof StuckAtParam s) {
            return s.isZero() ? "stuck at zero" : "stuck at one";
        }
        if (c instanceof AdcOffsetParam) {
            return "adc offset";
        }
        if (c instanceof DriftParam) {
            return "drift";
        }
        if (c instanceof OnOffRatioParam) {
            return "on off ratio";
        }
        if (c instanceof org.cimlang.cim.AdcLinearityParam a) {
            return a.isInl() ? "adc inl" : "adc dnl";
        }
        if (c instanceof org.cimlang.cim.WireResistanceParam) {
            return "wire resistance";
        }
        if (c instanceof LifetimeDecl) {
            return "lifetime";
        }
        return "value";
    }
}
