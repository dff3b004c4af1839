/** Translations between bytes and domain records: one package per format. Shared parsing limits live here. */
package org.patchwarden.formats;
