package org.cimlang.cli;
public class PublishedMacrosTestAccess {
    public static org.cimlang.compiler.ir.Chip chip(String f, String n) { return PublishedMacrosTest.chip(f, n); }
}
