/** The command-line edge: picocli commands that call use cases and print their results. */
package org.patchwarden.app.cli;
