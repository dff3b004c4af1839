-- CPE product keys become vendor and product reduced to lower-case letters and digits
-- (org.patchwarden.match.EcosystemKeys.cpeName), so that NVD's paloaltonetworks:pan-os, a CNA's
-- palo_alto_networks:pan-os and a CVE 5 "Palo Alto Networks"/"PAN-OS" meet one asset's product.
-- New rows get the key from that Java code when written; rows written before are rewritten here,
-- with the same portability rules as V4 (standard functions only).
-- NB: only the separators and symbols real CPE and CVE 5 names carry are removed; a row with any
-- other character (a non-ASCII letter) keeps it until its record changes, and is missed by name
-- lookups meanwhile, as V4's rows were.
UPDATE affected_packages SET
    match_name = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(
        replace(replace(replace(replace(replace(replace(replace(
            lower(trim(match_name)),
            ' ', ''), '_', ''), '-', ''), '.', ''), '(', ''), ')', ''), '/', ''), ',', ''), '+', ''),
            '&', ''), '''', ''), '"', ''), '!', ''), '\', ''), '~', ''), '*', ''), '@', '')
WHERE ecosystem_key = 'cpe';
