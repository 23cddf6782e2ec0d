package org.cimlang.simulator.devices;

import java.util.List;

import org.cimlang.compiler.ir.effects.NonIdealEffect;
import org.cimlang.compiler.ir.effects.PcmNoise;

/** The design {@code cim run} uses: {@link PcmDevice} on a chip with {@code pcm noise}, otherwise {@link LevelDevice}. */
public final class StandardDevices implements DeviceDesign {
    public static final StandardDevices DESIGN = new StandardDevices();

    private StandardDevices() {
    }

    @Override
    public DeviceModel forChip(List<NonIdealEffect> effects, double timeS) {
        for (NonIdealEffect e : effects) {
            if (e instanceof PcmNoise) {
                return PcmDevice.of(effects, timeS);
            }
        }
        return LevelDevice.of(effects, timeS);
    }
}
