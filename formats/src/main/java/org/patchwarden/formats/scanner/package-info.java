/**
 * Network-scanner reports (Greenbone/OpenVAS XML, Nessus v2 {@code .nessus}) read into {@link
 * org.patchwarden.remediate.ScannerReport}: the hosts a scan reached and the CVEs it still saw.
 */
package org.patchwarden.formats.scanner;
