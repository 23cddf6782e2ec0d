package org.cimlang.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.inject.Inject;

@ExtendWith(InjectionExtension.class)
@InjectWith(CimInjectorProvider.class)
class SketchParsesTest {
    @Inject
    CimTestSupport support;

    static final String CHIP = """
            package chips

            /** An ISAAC-like ReRAM accelerator. */
            chip Isaac {
                technology rram
                node 32 nm
                clock 1.2 GHz
                tiles 168
                arrays per tile 96
                array 128 x 128 {
                    cell bits 2
                    read latency 100 ns
                    read energy 0.3 pJ
                }
                adc bits 8 shared by 128 columns { latency 0.78 ns  energy 2 pJ }
                dac bits 1
                signed weights differential
                buffer 64 KB per tile
                endurance 1e8 writes
                nonideal {
                    variation 2 %
                    read noise 1 %
                    stuck at zero 0.1 %
                    stuck at one 0.05 %
                    adc offset 0.5 lsb
                    drift 0.05 per decade
                }
            }
            """;

    static final String NET = """
            package nets
            import chips.*

            network LeNet5 {
                input   image [1, 28, 28]
                conv2d  c1  from image  filters 6  kernel 5 padding 2 activation relu
                maxpool p1  from c1     kernel 2
                conv2d  c2  from p1     filters 16 kernel 5 activation relu
                maxpool p2  from c2     kernel 2
                flatten f   from p2
                dense   fc1 from f      units 120 activation relu
                dense   fc2 from fc1    units 84  activation relu
                dense   out from fc2    units 10
                weights "lenet5.npz"
            }

            quantization Int4 for LeNet5 {
                weights     int4 symmetric per-channel
                activations uint8 per-tensor calibrate percentile 99.9
                layer c1    weights int8
                layers fc*  activations uint4
                calibration "data/mnist-train" samples 256
            }

            mapping OnIsaac for LeNet5 on Isaac with Int4 {
                place c1  on tile 0 replicate 4
                place c2  on tiles 1..2
                place fc* on tile 3 arrays 0..31
                schedule pipeline
            }

            simulation Eval of OnIsaac {
                dataset mnist "data/mnist" split test limit 1000
                nonideal on
                seed 7
                report "out/lenet5"
            }
            """;

    @Test
    void theIssueSketchParsesAndValidatesWithoutErrors() throws Exception {
        List<Issue> issues = support.issues(CHIP, NET);
        assertEquals("", CimTestSupport.render(issues.stream().filter(i -> i.getSeverity()
                == org.eclipse.xtext.diagnostics.Severity.ERROR).toList()));
    }
}
