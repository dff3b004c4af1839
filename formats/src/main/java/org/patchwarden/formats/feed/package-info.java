/** Feed documents on disk: finding them in a mirror, hashing them; one sub-package per source format. */
package org.patchwarden.formats.feed;
