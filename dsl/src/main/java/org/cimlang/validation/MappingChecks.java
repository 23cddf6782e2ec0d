package org.cimlang.validation;

import java.util.OptionalLong;
import org.cimlang.cim.CimPackage;
import org.cimlang.cim.Mapping;
import org.cimlang.cim.MappingItem;
import org.cimlang.cim.Network;
import org.cimlang.cim.Quantization;
import org.cimlang.cim.RangeLiteral;
import org.cimlang.cim.ScheduleDecl;
import org.cimlang.semantic.Numbers;
import org.eclipse.xtext.validation.Check;

/** A mapping's links to its network, chip and quantization, and tile ranges. */
public class MappingChecks extends CimChecks {

    @Check
    public void checkMappingLinks(Mapping m) {
        String head = "mapping " + m.getName();
        if (m.getNetwork() == null) {
            missing(head + " needs the network it maps: 'mapping " + m.getName()
                    + " for NETWORK on CHIP with QUANT'", m, CimPackage.Literals.DECLARATION__NAME,
                    CimIssueCodes.LINK_MISSING, "for");
        }
        if (m.getChip() == null) {
            missing(head + " needs the chip it maps onto: '... on CHIP'", m, CimPackage.Literals.DECLARATION__NAME,
                    CimIssueCodes.LINK_MISSING, "on");
        }
        if (m.getQuantization() == null) {
            missing(head + " needs a quantization: '... with QUANT' (declare one with 'quantization Q for NETWORK')", m,
                    CimPackage.Literals.DECLARATION__NAME, CimIssueCodes.LINK_MISSING, "with");
        }
        Network net = m.getNetwork();
        Quantization q = m.getQuantization();
        if (net != null && !net.eIsProxy() && q != null && !q.eIsProxy() && q.getNetwork() != null
                && !q.getNetwork().eIsProxy() && q.getNetwork() != net) {
            error("quantization " + q.getName() + " is for network " + q.getNetwork().getName() + ", not "
                    + net.getName() + ": use a quantization declared 'for " + net.getName() + "'", m,
                    CimPackage.Literals.MAPPING__QUANTIZATION, CimIssueCodes.LINK_MISMATCH);
        }
        int schedules = 0;
        for (MappingItem item : m.getItems()) {
            if (item instanceof ScheduleDecl s && ++schedules > 1) {
                error("schedule is given twice: keep one", s, null, CimIssueCodes.PARAM_DUPLICATE);
            }
        }
    }

    @Check
    public void checkRange(RangeLiteral r) {
        OptionalLong first = Numbers.count(r.getFirst());
        OptionalLong last = Numbers.count(r.getLast());
        if (first.isPresent() && last.isPresent() && last.getAsLong() < first.getAsLong()) {
            error("range " + first.getAsLong() + ".." + last.getAsLong() + " is empty: write the lower bound first, "
                    + last.getAsLong() + ".." + first.getAsLong(), r, null, CimIssueCodes.RANGE_ORDER);
        }
    }
}
