package dev.snnc.cli; public final class Main { public static void main(String[] a) {} }
