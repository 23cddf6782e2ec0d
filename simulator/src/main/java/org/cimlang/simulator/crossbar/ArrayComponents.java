package org.cimlang.simulator.crossbar;

import org.cimlang.simulator.circuits.adc.AdcDesign;
import org.cimlang.simulator.devices.DeviceDesign;
import org.cimlang.simulator.devices.StandardDevices;

/**
 * The parts around a layer's plan that are models rather than geometry: which ADC converts the column
 * sums, which device model the cells follow, and how many spare rows per array compensate ADC offsets
 * (0 = off; the plan's weight rows already exclude them). Swapping a converter or a device is choosing
 * another design here.
 */
public record ArrayComponents(AdcDesign adc, DeviceDesign device, int compensationRows) {

    public static final ArrayComponents DEFAULT = new ArrayComponents(AdcRange.MAX_SUM, StandardDevices.DESIGN, 0);

    public ArrayComponents {
        adc = adc == null ? AdcRange.MAX_SUM : adc;
        device = device == null ? StandardDevices.DESIGN : device;
        if (compensationRows < 0) {
            throw new IllegalArgumentException("offset compensation rows must not be negative, found " + compensationRows);
        }
    }

    /** The ADC design and compensation rows of an array geometry, cells as the {@link StandardDevices}. */
    public static ArrayComponents of(ArrayGeometry g) {
        return new ArrayComponents(g.adcRange(), StandardDevices.DESIGN, g.compensationRows());
    }

    /** The chip's own components with {@code compensationRows} spare rows per array. */
    public static ArrayComponents withCompensation(int compensationRows) {
        return new ArrayComponents(AdcRange.MAX_SUM, StandardDevices.DESIGN, compensationRows);
    }

    public ArrayComponents withAdc(AdcDesign design) {
        return new ArrayComponents(design, device, compensationRows);
    }

    public ArrayComponents withDevice(DeviceDesign design) {
        return new ArrayComponents(adc, design, compensationRows);
    }
}
