package org.cimlang.compiler.ir;

public enum Severity {
    ERROR, WARNING, INFO
}
