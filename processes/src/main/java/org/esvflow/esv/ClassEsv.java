package org.esvflow.esv;

/** A land-use class and its ESV, currency per year (input of the per-class sensitivity). */
record ClassEsv(Object code, String label, double esv) {}
