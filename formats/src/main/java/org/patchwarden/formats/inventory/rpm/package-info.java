/**
 * Red Hat family hosts and images (RHEL, AlmaLinux, Rocky, Fedora, SUSE): the rpm database as
 * {@code rpm -qa} prints it.
 */
package org.patchwarden.formats.inventory.rpm;
