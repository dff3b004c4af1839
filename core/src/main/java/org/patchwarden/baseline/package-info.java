/**
 * Baselines: named, versioned snapshots of an environment's packages and settings, the drift
 * between two of them (packages, versions, settings, and the vulnerabilities the real matcher finds
 * on one side only), the policy that drift is judged by, and the staging evidence a production
 * change can be required to have before it is approved.
 */
package org.patchwarden.baseline;
