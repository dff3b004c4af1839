/** The collector agent: inventories this host and uploads it to a Patchwarden server. */
package org.patchwarden.app.collect;
