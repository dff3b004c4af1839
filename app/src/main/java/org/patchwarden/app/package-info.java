/** Composition root and entry point. */
package org.patchwarden.app;
