package scoring

// classCases extend the corpus with the classes of spelling the catalog's
// rules name: course and book titles, exam halves, Sun-era exam codes,
// titles without the issuer or without a version, plural and spelling
// variants, exam titles without their part number, versions reported as
// written and Spring title years, and the look-alikes of every era.
var classCases = []normalizeCase{
	// ---------------------------------------------------------------------
	// Course and book titles are not credentials.
	// ---------------------------------------------------------------------
	{"book-manning-oca8-guide", "OCA Java SE 8 Programmer I Certification Guide", "-", "", "Manning's book title, not the OCA"},
	{"book-manning-oca8-guide-author", "Mala Gupta - OCA Java SE 8 Programmer I Certification Guide (Manning)", "-", "", "book with author and publisher"},
	{"book-sybex-ocp11", "OCP Oracle Certified Professional Java SE 11 Developer Complete Study Guide", "-", "", "Sybex study guide"},
	{"book-sybex-ocp17", "OCP Java SE 17 Developer Study Guide - Sybex", "-", "", "study guide with publisher"},
	{"book-head-first-servlets", "Head First Servlets and JSP: Passing the Sun Certified Web Component Developer Exam", "-", "", "the SCWCD book, not the credential"},
	{"book-cosmina-spring", "Pivotal Certified Professional Core Spring 5 Developer Exam: A Study Guide Using Spring Framework 5", "-", "", "Apress study guide named after the credential"},
	{"book-spring-in-action", "Spring in Action, 5th edition", "-", "", "a book"},
	{"book-spring-cert-guide", "Spring 5 Certification Guide", "-", "", "certification guide is a book"},
	{"book-scjp6-study-guide-code", "SCJP Sun Certified Programmer for Java 6 Study Guide (Exam 310-065)", "-", "", "study guide naming the exam code"},
	{"book-oca8-sybex-code", "OCA: Oracle Certified Associate Java SE 8 Programmer I Study Guide: Exam 1Z0-808", "-", "", "study guide naming the exam code"},
	{"book-practice-tests-808", "Java SE 8 Programmer I Practice Tests", "-", "", "practice tests"},
	{"book-oracle-press-exam-guide", "OCP Java SE 11 Programmer I Exam Guide (Oracle Press, McGraw-Hill)", "-", "", "Oracle Press exam guide"},
	{"book-apress-ocpjp7", "Oracle Certified Professional Java SE 7 Programmer Exams 1Z0-804 and 1Z0-805: A Comprehensive OCPJP 7 Certification Guide", "-", "", "Apress book naming two exam codes"},
	{"book-spark-definitive", "Spark: The Definitive Guide", "-", "", "O'Reilly book"},
	{"book-learning-spark", "Learning Spark (O'Reilly), 2nd edition", "-", "", "book"},
	{"book-scea-study", "Sun Certified Enterprise Architect for Java EE Study Guide", "-", "", "study guide"},
	{"book-sierra-bates", "Kathy Sierra & Bert Bates, SCJP 6 book", "-", "", "a book by its authors"},
	{"book-exam-cram", "SCJP Exam Cram 2", "-", "", "Exam Cram series book"},
	{"course-ibm-professional-certificate", "IBM Full Stack Software Developer Professional Certificate", "-", "", "Coursera course series"},
	{"course-spring-professional-certificate", "Spring Framework Professional Certificate (LearnQuest)", "-", "", "course series named Professional Certificate, not Spring Certified Professional"},
	{"course-java-spring-boot-professional-certificate", "Java Spring Boot Professional Certificate", "-", "", "a course series; without the phrase rule it reads as Spring Professional"},
	{"course-spark-professional-certificate", "Big Data with Apache Spark Professional Certificate", "-", "", "edX-style course series"},
	{"course-linkedin-cert-prep", "LinkedIn Learning: Java SE 8 Programmer I (1Z0-808) Cert Prep", "-", "", "LinkedIn Learning course"},
	{"course-udemy-masterclass", "Udemy - Java Programming Masterclass", "-", "", "Udemy course"},
	{"course-coursera-specialization", "Java Programming and Software Engineering Fundamentals Specialization (Coursera)", "-", "", "Coursera specialization"},
	{"course-udemy-oracle-professional-certificate", "Oracle Java SE 8 Programmer Professional Certificate (Udemy)", "-", "", "a Udemy course named like the exam"},
	{"course-simplilearn-spark", "Apache Spark and Scala Certification Training (Simplilearn)", "-", "", "training course"},
	{"course-databricks-practice", "Databricks Certified Associate Developer for Apache Spark 3.0 Practice Exams", "-", "", "practice exams"},
	{"course-dumps-819", "Java SE 11 Developer 1Z0-819 exam dumps", "-", "", "exam dumps"},
	{"course-mock-enthuware-819", "Enthuware 1Z0-819 mock exams", "-", "", "practice material"},
	{"course-prep-word", "Cert prep: Java SE 11 Developer", "-", "", "preparation"},
	{"course-udemy-spark-scala", "Apache Spark with Scala - Hands On with Big Data! (Udemy)", "-", "", "course"},
	{"plan-databricks-scheduled", "Databricks Certified Associate Developer for Apache Spark 3.0 - exam scheduled", "-", "", "a plan"},
	{"keep-certified-professional-certificate", "Spring Certified Professional certificate", "spring-professional", "", "'Certified' marks the vendor credential, so the course-series phrase does not apply"},
	{"keep-pivotal-certified-certificate", "Pivotal Certified Spring Professional - certificate", "spring-professional", "", "a credential whose proof is a certificate"},

	// ---------------------------------------------------------------------
	// Exam halves: one exam of a two-exam path.
	// ---------------------------------------------------------------------
	{"half-815-alone", "1Z0-815", "ocajp", "11", "1Z0-815 alone is Silver SE 11 (the associate level) in Japan; lowered confidence"},
	{"half-815-title", "Java SE 11 Programmer I", "ocajp", "11", "the 1Z0-815 title; associate level at most"},
	{"half-815-code-title", "Java SE 11 Programmer I (1Z0-815)", "ocajp", "11", "title and code agree"},
	{"half-silver-se11", "Oracle Certified Java Programmer, Silver SE 11", "ocajp", "11", "the Japanese credential itself"},
	{"half-816-with-title", "1Z0-816 (Java SE 11 Programmer II)", "-", "", "half of OCP 11: reported, not granted"},
	{"half-816-passed", "Passed 1Z0-816", "-", "", "half of OCP 11"},
	{"half-816-oracle-exam", "Oracle Java SE 11 Programmer II exam", "-", "", "half of OCP 11 by title"},
	{"half-both-codes", "1z0-816 passed, 1z0-815 passed", "ocpjp", "11", "both halves are the credential"},
	{"half-both-with-name", "1Z0-815 + 1Z0-816 (OCP Java SE 11)", "ocpjp", "11", "both halves and the credential's name"},
	{"half-both-titles", "Java SE 11 Programmer I & II", "ocpjp", "11", "both halves by title"},
	{"half-ocp-names-last-exam", "OCP Java SE 11 Programmer II", "ocpjp", "11", "names OCP and its last exam; lowered confidence"},
	{"whole-se7-programmer-ii", "Java SE 7 Programmer II (1Z0-804)", "ocpjp", "7", "1Z0-804 is the whole OCP 7 exam (with OCA 7 held)"},
	{"whole-se8-programmer-ii", "Java SE 8 Programmer II", "ocpjp", "8", "1Z0-809's title"},
	{"whole-809-with-title", "1Z0-809 Java SE 8 Programmer II", "ocpjp", "8", "code and title"},
	{"half-scea-part1", "SCEA Part 1 (310-051)", "-", "", "SCEA's first step: a look-alike of no seed id"},
	{"half-scjd-assignment", "SCJD assignment CX-310-252A", "-", "", "SCJD's assignment: a look-alike"},

	// ---------------------------------------------------------------------
	// Sun-era exam codes (CX-310-0xx), upgrade exams included.
	// ---------------------------------------------------------------------
	{"sun-cx-310-035", "CX-310-035", "ocpjp", "1.4", "SCJP 1.4"},
	{"sun-310-035", "310-035", "ocpjp", "1.4", "the code without Sun's CX prefix"},
	{"sun-cx310-055-glued", "CX310-055", "ocpjp", "5", "prefix glued to the number"},
	{"sun-cx-310-065-spaced", "CX 310 065", "ocpjp", "6", "spaces for dashes"},
	{"sun-cx-310-036-upgrade", "CX-310-036", "ocpjp", "1.4", "SCJP 1.4 upgrade exam"},
	{"sun-cx-310-056-upgrade", "CX-310-056 (SCJP 5 upgrade)", "ocpjp", "5", "SCJP 5.0 upgrade exam"},
	{"sun-cx-310-066-upgrade", "CX-310-066", "ocpjp", "6", "SCJP 6 upgrade exam"},
	{"sun-title-1.4-code", "Sun Certified Programmer for the Java 2 Platform 1.4 (CX-310-035)", "ocpjp", "1.4", "title and code"},
	{"sun-scjp-1.4-bare-code", "SCJP 1.4 (310-035)", "ocpjp", "1.4", "acronym and bare code"},
	{"sun-scjp5-code-issuer-year", "SCJP 5.0 - CX310-055 - Sun Microsystems 2007", "ocpjp", "5", "code, issuer and year"},
	{"sun-cx-310-081", "CX-310-081", "ocewcd", "1.4", "SCWCD 1.4"},
	{"sun-scwcd-j2ee-code", "SCWCD for J2EE 1.4 (CX-310-081)", "ocewcd", "1.4", "acronym, platform and code"},
	{"sun-cx-310-083", "CX-310-083", "ocewcd", "5", "SCWCD 5"},
	{"sun-cx-310-084-upgrade", "CX-310-084 SCWCD upgrade", "ocewcd", "5", "SCWCD 5 upgrade exam"},
	{"sun-310-080", "310-080", "ocewcd", "1.3", "SCWCD 1.3"},
	{"sun-scwcd5-title-code", "Sun Certified Web Component Developer for Java EE 5 (CX-310-083)", "ocewcd", "5", "Sun title and code"},
	{"sun-lookalike-scbcd-090", "CX-310-090", "-", "", "SCBCD 1.3, a look-alike"},
	{"sun-lookalike-scbcd-091", "CX-310-091 Sun Certified Business Component Developer", "-", "", "SCBCD 5"},
	{"sun-lookalike-scdjws-220", "CX-310-220", "-", "", "SCDJWS 1.4"},
	{"sun-lookalike-scdjws-230", "CX-310-230", "-", "", "SCDJWS 5"},
	{"sun-lookalike-scmad-110", "CX-310-110", "-", "", "SCMAD"},
	{"sun-lookalike-scea-052", "CX-310-052", "-", "", "SCEA 5 part 1"},
	{"oracle-lookalike-1z0-895", "1Z0-895", "-", "", "Java EE 6 EJB developer"},
	{"oracle-lookalike-1z0-897", "1Z0-897", "-", "", "Java EE 6 web services developer"},
	{"oracle-lookalike-1z0-898", "1Z0-898", "-", "", "Java EE 6 JPA developer"},
	{"oracle-lookalike-1z0-807", "1Z0-807", "-", "", "Java EE 6 enterprise architect part 1"},
	{"oracle-lookalike-1z0-869", "1Z0-869", "-", "", "Java ME mobile developer"},
	{"oracle-lookalike-1z0-855", "1Z0-855", "-", "", "OCMJD 6 assignment"},

	// ---------------------------------------------------------------------
	// Titles without the issuer.
	// ---------------------------------------------------------------------
	{"noissuer-spark-python", "Associate Developer for Apache Spark 3.0 - Python", "databricks-spark-associate", "3.0", "Databricks title without Databricks; 3.0 as written"},
	{"noissuer-spark-scala", "Associate Developer for Apache Spark 3.0 - Scala", "databricks-spark-associate", "3.0", "the Scala variant"},
	{"noissuer-spark-bare", "Associate Developer for Apache Spark", "databricks-spark-associate", "", "no version"},
	{"noissuer-spark-certified", "Certified Associate Developer for Apache Spark 3.0", "databricks-spark-associate", "3.0", "'Certified' without the issuer"},
	{"noissuer-ocp11", "Certified Professional Java SE 11 Developer", "ocpjp", "11", "Oracle's title without Oracle"},
	{"noissuer-wcd", "Certified Web Component Developer", "ocewcd", "", "Sun title without Sun"},
	{"noissuer-spring-2022", "Certified Spring Professional 2022", "spring-professional", "2022", "title year, no issuer"},
	{"noissuer-foundations", "Foundations Associate, Java", "java-foundations", "", "Oracle's title without Oracle"},
	{"noissuer-se17-developer", "Java SE 17 Developer", "ocpjp", "17", "1Z0-829's title: from 11 on 'Developer' is the OCP"},
	{"noissuer-se21-developer-code", "Java SE 21 Developer (1Z0-830)", "ocpjp", "21", "title and code"},
	{"noissuer-cca", "Certified Spark and Hadoop Developer", "cca175", "", "Cloudera's title without CCA"},
	{"noissuer-hdp-spark", "Spark Developer Certification (HDP)", "hdpcd-spark", "", "HDP without Hortonworks"},

	// ---------------------------------------------------------------------
	// Titles without a version.
	// ---------------------------------------------------------------------
	{"nover-oca-java", "Oracle Certified Associate Java", "ocajp", "", "no version: the associate level of unknown version"},
	{"nover-oca-java-programmer", "Oracle Certified Associate, Java Programmer", "ocajp", "", "programmer without a version"},
	{"nover-oca-java-se", "Oracle Certified Associate - Java SE", "ocajp", "", "SE without a number"},
	{"nover-oca-java-year", "Oracle Certified Associate Java, 2016", "ocajp", "", "2016 is the award date"},
	{"nover-oca-parens", "Oracle Certified Associate (Java)", "ocajp", "", "punctuation"},
	{"nover-ocp-java", "Oracle Certified Professional Java", "ocpjp", "", "no version"},
	{"nover-ocp-java-se-programmer", "Oracle Certified Professional, Java SE Programmer", "ocpjp", "", "SE without a number"},
	{"nover-databricks", "Databricks Certified Associate Developer - Apache Spark", "databricks-spark-associate", "", "no version"},

	// ---------------------------------------------------------------------
	// Plural and spelling variants.
	// ---------------------------------------------------------------------
	{"variant-web-components", "Web Components Developer", "ocewcd", "", "plural of component"},
	{"variant-sun-web-components-1.4", "Sun Certified Web Components Developer 1.4", "ocewcd", "1.4", "plural with a version"},
	{"variant-ocejwcd-6", "OCEJWCD 6", "ocewcd", "6", "the J spelling of the acronym"},
	{"variant-oce-jwcd", "OCE-JWCD", "ocewcd", "", "acronym with a dash"},
	{"variant-oce-web-components-6", "Oracle Certified Expert Java EE 6 Web Components Developer", "ocewcd", "6", "plural in the Oracle title"},
	{"variant-servlets-jsp-developer", "Servlets & JSP Developer (Java EE 6)", "ocewcd", "6", "plural servlets"},
	{"variant-webcomponent-glued", "WebComponent Developer", "ocewcd", "", "glued web component"},
	{"variant-profesional-typo", "Oracle Certified Profesional Java SE 8 Programmer", "ocpjp", "8", "one f"},
	{"variant-certifed-typo", "Oracle Certifed Associate Java SE 8", "ocajp", "8", "certifed"},
	{"variant-assosiate-typo", "Oracle Certified Assosiate Java 8", "ocajp", "8", "assosiate"},
	{"variant-proffesional-spring", "Spring Proffesional Certification", "spring-professional", "", "double f"},
	{"variant-fundations", "Java Fundations Junior Associate", "java-foundations", "", "fundations"},
	{"variant-foundation-singular", "Oracle Certified Foundation Associate Java", "java-foundations", "", "singular foundation"},
	{"variant-developers-plural", "Oracle Certified Professional Java SE 11 Developers", "ocpjp", "11", "plural developers"},
	{"variant-ocpjp-dash-8", "OCPJP-8", "ocpjp", "8", "dash between acronym and version"},
	{"variant-hdpcd-dash-spark", "HDPCD - Spark", "hdpcd-spark", "", "dash instead of colon"},
	{"variant-hdpcd-parens-spark", "HDPCD(Spark)", "hdpcd-spark", "", "parentheses"},
	{"variant-cca-dash-175", "Cloudera CCA-175", "cca175", "", "exam code with a dash"},

	// ---------------------------------------------------------------------
	// "Java SE N Programmer": at least the associate level.
	// ---------------------------------------------------------------------
	{"programmer-se8", "Java SE 8 Programmer", "ocajp", "8", "neither I nor II: at least the associate level, lowered confidence"},
	{"programmer-se7", "Java SE 7 Programmer", "ocajp", "7", "the same for 7"},
	{"programmer-oracle-se8", "Oracle Java SE 8 Programmer", "ocajp", "8", "with the issuer"},
	{"programmer-oracle-certified-se8", "Oracle Certified Java SE 8 Programmer", "ocajp", "8", "certified without its level"},
	{"programmer-java8-issuer-after", "Java 8 Programmer (Oracle)", "ocajp", "8", "without SE"},
	{"programmer-se8-year", "Java SE 8 Programmer certification, 2018", "ocajp", "8", "2018 is the award date"},
	{"programmer-ocp-keeps-level", "Oracle Certified Professional, Java SE 8 Programmer", "ocpjp", "8", "the level is written: the professional"},
	{"programmer-oca-keeps-level", "Oracle Certified Associate, Java SE 7 Programmer (Oracle University)", "ocajp", "7", "the level is written: the associate"},

	// ---------------------------------------------------------------------
	// Versions as written, and Spring title years.
	// ---------------------------------------------------------------------
	{"written-spark-2.4-reordered", "Apache Spark 2.4 Associate Developer (Databricks)", "databricks-spark-associate", "2.4", "2.4 as written"},
	{"written-spark-3.0-year", "Databricks Spark Associate 3.0 (2023)", "databricks-spark-associate", "3.0", "3.0 as written; 2023 is the award date"},
	{"spring-year-2022", "Spring Professional 2022", "spring-professional", "2022", "title year; compared as Spring 5.3"},
	{"spring-2v0-exam-name-first", "Professional Develop VMware Spring (2V0-72.22)", "spring-professional", "5.3", "the exam gives the version it covers"},
	{"spring-2v0-after-name", "VMware Spring Professional Develop 2V0-72.22", "spring-professional", "5.3", "exam code after the name"},
	{"spring-2024-with-code", "Spring Certified Professional 2024 (Broadcom) 2V0-72.22", "spring-professional", "2024", "title year kept beside the exam covering the same version"},
	{"spring-pivotal-award-year", "Pivotal Certified Spring Professional 2018", "spring-professional", "", "2018 is no title year the axis maps: the award date"},
	{"spring-springsource-award-year", "SpringSource Certified Spring Professional 2011", "spring-professional", "", "2011 is the award date"},

	// ---------------------------------------------------------------------
	// Look-alikes that must stay off the seed ids.
	// ---------------------------------------------------------------------
	{"lookalike-oce-ejb", "Oracle Certified Expert, Java EE 6 Enterprise JavaBeans Developer", "-", "", "EJB developer"},
	{"lookalike-oce-ws", "Oracle Certified Expert, Java EE 6 Web Services Developer", "-", "", "web services developer"},
	{"lookalike-ocm-architect", "Oracle Certified Master, Java EE 6 Enterprise Architect", "-", "", "enterprise architect"},
	{"lookalike-ocm-se6-developer", "Oracle Certified Master, Java SE 6 Developer", "-", "", "OCMJD: before 11 'SE N Developer' is the master"},
	{"lookalike-scjd-5", "Sun Certified Java Developer (SCJD) 5", "-", "", "SCJD"},
	{"lookalike-scbcd-5", "Sun Certified Business Component Developer 5.0", "-", "", "SCBCD"},
	{"lookalike-scdjws-5", "Sun Certified Developer for Java Web Services 5", "-", "", "SCDJWS"},
	{"lookalike-scmad", "Sun Certified Mobile Application Developer", "-", "", "SCMAD"},
	{"lookalike-oca-db-12c", "Oracle Certified Associate, Oracle Database 12c Administrator", "-", "", "database OCA"},
	{"lookalike-oca-mysql", "Oracle Certified Associate, MySQL 5", "-", "", "MySQL OCA"},
	{"lookalike-oci-2023", "Oracle Cloud Infrastructure 2023 Foundations Associate", "-", "", "OCI, not Java Foundations"},
	{"lookalike-ocp-java-me", "Oracle Certified Professional, Java ME 3 Mobile Application Developer", "-", "", "Java ME"},
	{"lookalike-java-me-code", "Java ME Mobile Application Developer (1Z0-869)", "-", "", "Java ME by code"},
	{"lookalike-aws-developer", "AWS Certified Developer - Associate", "-", "", "AWS"},
	{"lookalike-azure-developer", "Microsoft Certified: Azure Developer Associate", "-", "", "Azure"},
	{"lookalike-databricks-de", "Databricks Certified Data Engineer Associate", "-", "", "not a Spark developer certification"},
	{"lookalike-databricks-ml", "Databricks Certified Machine Learning Associate", "-", "", "Databricks ML"},
	{"lookalike-oracle-ml", "Oracle Machine Learning using Autonomous Database Associate", "-", "", "'learning' is no course word: Oracle's ML credential is not Java"},
	{"lookalike-databricks-lakehouse", "Databricks Lakehouse Fundamentals", "-", "", "Databricks fundamentals badge"},
	{"lookalike-ccah", "Cloudera Certified Administrator for Apache Hadoop (CCAH)", "-", "", "Hadoop administrator"},
	{"lookalike-cca-data-analyst", "CCA Data Analyst", "-", "", "Cloudera analyst, not Spark"},
	{"lookalike-gcp-ace", "Google Cloud Certified Associate Cloud Engineer", "-", "", "GCP"},
	{"lookalike-sap-abap", "SAP Certified Development Associate - ABAP", "-", "", "SAP"},
	{"lookalike-redhat-eap", "Red Hat Certified Enterprise Application Developer (JBoss)", "-", "", "Red Hat"},
	{"lookalike-javaee7-app-developer", "Java EE 7 Application Developer", "-", "", "1Z0-900 is broader than OCEWCD and not its successor"},
	{"lookalike-ocm-se6-developer-title", "Java SE 6 Developer Certified Master", "-", "", "OCMJD by its Oracle title"},
	{"lookalike-solaris", "Sun Certified System Administrator for Solaris 10", "-", "", "Solaris administrator"},
	{"lookalike-weblogic", "Oracle WebLogic Server 12c Administrator", "-", "", "WebLogic"},
	{"lookalike-hortonworks-admin", "Hortonworks Certified Apache Hadoop Administrator", "-", "", "Hadoop administrator"},
	{"lookalike-vcp-am-develop", "VMware Certified Professional - Data Center Virtualization 2021", "-", "", "VCP with a Spring-like year"},
}
