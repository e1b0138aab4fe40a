package dev.snnc.ir;

/** A graph-to-graph rewrite. Passes are pure: they return a new graph and never mutate the input. */
public interface Pass {
    String name();

    Graph run(Graph in);
}
