/** Downloading feed documents: conditional GET, retries, size caps, deadlines. */
package org.patchwarden.formats.fetch;
