namespace RoleFerry.Api.Tests.Support;

/// <summary>Resumes as HTML pages (printed to PDF by <see cref="ResumeFiles.PrintPdfAsync"/>) and as DOCX sections.</summary>
public static class ResumeSamples
{
    /// <summary>One column, the usual headings; Ada's roles at Initech and Globex.</summary>
    public const string SingleColumn =
        """
        <!doctype html><html><head><meta charset="utf-8"><style>
        body{font-family:sans-serif;font-size:11pt;margin:40px} h2{font-size:14pt;border-bottom:1px solid #999} h3{font-size:11pt;margin-bottom:0}
        </style></head><body>
        <h1>Ada Lovelace</h1>
        <p>ada@example.com · +44 20 7946 0958 · linkedin.com/in/ada</p>
        <h2>Summary</h2><p>Backend engineer building payment APIs for eight years.</p>
        <h2>Work Experience</h2>
        <h3>Senior Backend Engineer — Initech GmbH</h3><p>Jan 2020 – Present · Berlin, Germany</p>
        <ul><li>Cut p99 latency by 40% by moving hot reads to Redis and rewriting the slowest queries of the ledger service that every checkout depends on.</li>
        <li>Led the migration of 12 services to Kubernetes.</li><li>Mentored new engineers on code review.</li></ul>
        <h3>Software Engineer at Globex Corporation</h3><p>2016 - 2019</p>
        <ul><li>Built the billing API in C# and PostgreSQL serving 2M requests a day.</li><li>Wrote the on-call runbooks.</li></ul>
        <h2>Education</h2><p>University of Cambridge — BSc Computer Science, 2015</p>
        <h2>Skills</h2><p>C#, .NET, PostgreSQL, Redis, Kubernetes, Terraform</p>
        </body></html>
        """;

    /// <summary>A sidebar (contact, skills, education, languages) beside the main column (profile, experience).</summary>
    public const string TwoColumns =
        """
        <!doctype html><html><head><meta charset="utf-8"><style>
        body{font-family:sans-serif;font-size:10pt;margin:0}
        .page{display:grid;grid-template-columns:190px 1fr;gap:36px;padding:36px}
        aside{background:#eef} h1{font-size:22pt;margin:0} h2{font-size:13pt;text-transform:uppercase;margin:14px 0 4px}
        h3{font-size:10pt;margin:8px 0 0} ul{margin:2px 0;padding-left:16px}
        </style></head><body><div class="page">
        <aside>
        <h1>Grace Hopper</h1>
        <p>grace@example.com<br>+1 555 010 7788<br>Arlington, VA</p>
        <h2>Skills</h2>
        <ul><li>Python</li><li>SQL</li><li>Airflow</li><li>dbt</li><li>Tableau</li><li>Spark</li></ul>
        <h2>Education</h2>
        <p>Yale University<br>PhD Mathematics<br>1934</p>
        <p>Vassar College<br>BA Mathematics, 1928</p>
        <h2>Languages</h2><p>English, German</p>
        </aside>
        <main>
        <h2>Profile</h2>
        <p>Data engineer who turns messy event streams into trustworthy warehouses that analysts and finance teams rely on every day.</p>
        <h2>Experience</h2>
        <h3>Staff Data Engineer</h3><p>Northwind Traders · Mar 2019 – Present</p>
        <ul><li>Rebuilt the nightly ETL in Airflow and dbt, cutting run time from 6 hours to 50 minutes.</li>
        <li>Designed the event schema used by 30 product teams.</li></ul>
        <h3>Data Engineer</h3><p>Contoso Ltd · 2015 – 2019</p>
        <ul><li>Moved reporting from spreadsheets to Tableau dashboards read by the whole sales org.</li>
        <li>Cut warehouse cost by 35% with partitioned Spark jobs.</li></ul>
        </main></div></body></html>
        """;

    /// <summary>No skills section: the skills come from the words of the vocabulary in the text.</summary>
    public const string NoSkillsSection =
        """
        <!doctype html><html><head><meta charset="utf-8"></head><body style="font-family:serif;margin:48px">
        <h1>Alan Turing</h1><p>alan@example.org</p>
        <h2>Professional Experience</h2>
        <p><b>Platform Engineer</b>, Bletchley Labs<br>June 2018 – December 2022</p>
        <ul><li>Ran the Kafka clusters behind 200 services with Terraform and Kubernetes.</li><li>Wrote Python tooling for on-call engineers.</li></ul>
        <h2>Education</h2><p>Princeton University, PhD Mathematics, 1938</p>
        </body></html>
        """;

    public static readonly (string Heading, string[] Lines)[] DocxSections =
    [
        ("Professional Summary", ["Product manager for B2B SaaS, from discovery to launch."]),
        ("Work History",
        [
            "Senior Product Manager, Umbrella Corp\tMay 2021 – Present",
            "• Grew weekly active teams by 25% with a new onboarding flow.",
            "• Ran user research with 40 customers a quarter.",
            "• Wrote the roadmap the board approved.",
            "Product Manager | Hooli\t2017 – 2021",
            "• Launched the Salesforce integration used by 300 accounts.",
        ]),
        ("Education", ["MBA, INSEAD Business School, 2017", "BA Economics, University of Toronto, 2012"]),
        ("Core Competencies", ["Product management; Roadmapping; User research; A/B testing; SQL"]),
    ];
}
