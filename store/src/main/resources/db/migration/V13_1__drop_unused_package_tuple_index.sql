-- installed_packages_tuple (V1) serves no query: packages are read by asset and revision only (the
-- installed_packages_inventory index). Kept up to date on every insert, it was the costliest part
-- of storing an inventory once the table held a few revisions of a fleet (issue 11: inserting one
-- revision of 1,000 hosts, 276,000 rows, into a table of 552,000 took 1.8 s of CPU with it, 0.5 s without).
DROP INDEX installed_packages_tuple;
