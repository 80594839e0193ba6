// Package gen generates realistic, deterministic candidate profiles for
// tests, benchmarks and demos.
//
// The mix follows what an applicant tracking system actually holds: about a
// quarter of candidates list no certification, the rest one to four written
// as free text the way people write them (Sun-era SCJP and SCWCD titles,
// Oracle OCA/OCP titles and exam codes such as "1Z0-809" or "1z0 819",
// Spring Professional across SpringSource, Pivotal, VMware and Broadcom,
// HDPCD, HDPCD:Spark, CCA175, Databricks), mixed with look-alikes (Java EE 7
// Application Developer, Oracle Database and MySQL, OCI Foundations, CCAH,
// Databricks Data Engineer) and junk (PMP, courses, AWS). About 15% of seed
// credentials are given by canonical id and version instead. Versions
// follow issue years (SCJP 1.4 around 2003-2006, OCP 11 from 2019), OCP 7/8
// holders often hold the matching OCA, OCEWCD holders hold the SCJP/OCPJP
// that was its prerequisite, and nobody holds a certification from long
// before their career began. Skills (2 to 10 from a vocabulary of about 150
// with the usual spelling variants), years of experience, location,
// desired salary, a short summary, name and e-mail complete each profile.
//
// Every candidate depends only on Options.Seed and its number (Options.Start
// plus its index): Candidate(opts, i) is the same value however the stream
// is sliced, so ranges can be generated in parallel and streamed, and the
// same options always give the same candidates. Generation is fast enough
// for benchmarks of hundreds of thousands of profiles.
//
// The generated names, e-mail addresses (example domains) and credentials
// are fictional.
package gen
