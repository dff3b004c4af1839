/** Renders the patch-management report: HTML with inline SVG charts, and PDF from the same HTML. */
package org.patchwarden.formats.report;
