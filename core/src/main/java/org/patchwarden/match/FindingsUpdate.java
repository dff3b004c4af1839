package org.patchwarden.match;

/** What recording findings changed: new findings, ones still open, and ones closed. */
public record FindingsUpdate(int opened, int stillOpen, int closed) {}
