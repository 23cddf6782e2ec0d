package org.cimlang.resource;

/**
 * The one replacement that turns a text into another: what lies between their longest common prefix and
 * their longest common suffix (the suffix never overlapping the prefix).
 *
 * @param offset where the replaced text starts in the old text
 * @param length how many characters of the old text it replaces
 * @param text   what the new text has in their place
 */
record TextReplacement(int offset, int length, String text) {

    /** The replacement from {@code before} to {@code after}; null when they are equal. */
    static TextReplacement between(String before, String after) {
        int shorter = Math.min(before.length(), after.length());
        int prefix = 0;
        while (prefix < shorter && before.charAt(prefix) == after.charAt(prefix)) {
            prefix++;
        }
        if (prefix == before.length() && prefix == after.length()) {
            return null;
        }
        int suffix = 0;
        int room = shorter - prefix;
        while (suffix < room
                && before.charAt(before.length() - 1 - suffix) == after.charAt(after.length() - 1 - suffix)) {
            suffix++;
        }
        return new TextReplacement(prefix, before.length() - prefix - suffix,
                after.substring(prefix, after.length() - suffix));
    }
}
