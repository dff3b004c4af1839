/** Assets, their context and what is installed on them. */
package org.patchwarden.inventory;
