package org.cimlang.compiler.ir;

/** The network between tiles (inside a tile an H-tree always joins the processing elements). */
public enum Interconnect {
    BUS, MESH, HTREE
}
