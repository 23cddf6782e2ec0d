package org.cimlang.conversion;

import org.eclipse.xtext.common.services.DefaultTerminalConverters;
import org.eclipse.xtext.conversion.IValueConverter;
import org.eclipse.xtext.conversion.ValueConverter;

/**
 * {@code ValidID} names are IDs (or the keyword {@code x}); converting them like IDs strips the
 * caret of an escaped name ({@code ^add} names a layer {@code add}).
 */
public class CimValueConverters extends DefaultTerminalConverters {

    @ValueConverter(rule = "ValidID")
    public IValueConverter<String> ValidID() {
        return ID();
    }
}
