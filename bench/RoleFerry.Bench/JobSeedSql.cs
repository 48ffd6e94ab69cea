namespace RoleFerry.Bench;

/// <summary>
/// The set-based SQL seeding the job catalogue of section (5): companies, jobs and their job_keywords. Job g (0-based)
/// is a function of g only: family g mod 10 (role + 10 vocabulary skills), level, 3..6 of the family's skills and one
/// "nice to have" skill of another family written into the description, so job_keywords (those skills) are exactly
/// what the product's KeywordExtractor finds in title + description (<see cref="ApiSeed"/> checks a sample).
/// The filler sentences use no word of SkillVocabulary.
/// </summary>
public static class JobSeedSql
{
    /// <summary>$1 = companies.</summary>
    public const string Companies =
        """
        INSERT INTO companies (name, domain, size, industry)
        SELECT (ARRAY['Northwind','Bluefin','Cobalt','Juniper','Lumen','Harbor','Quarry','Meridian','Atlas','Willow','Summit','Kestrel','Orchard','Beacon','Granite','Tidal'])[1 + g % 16]
               || ' ' || (ARRAY['Labs','Systems','Health','Logistics','Capital','Robotics','Finance','Media','Energy','Foods','Works','Software'])[1 + (g / 16) % 12]
               || ' ' || g,
               'company' || g || '.bench.example',
               (ARRAY['1-10','11-50','51-200','201-1000','1001-5000','5001+'])[1 + g % 6],
               (ARRAY['software','fintech','healthcare','logistics','retail','energy','media','education'])[1 + g % 8]
        FROM generate_series(0, $1 - 1) AS g
        """;

    /// <summary>A session's temp table of job families (run on the connection that runs the two statements below).</summary>
    public const string Families =
        """
        CREATE TEMP TABLE bench_job_family (f, role, skills) AS VALUES
            (0, 'Backend Engineer',  ARRAY['c#', '.net', 'postgresql', 'kafka', 'docker', 'kubernetes', 'aws', 'microservices', 'redis', 'grpc']),
            (1, 'Frontend Engineer', ARRAY['javascript', 'typescript', 'react', 'vue', 'css', 'html', 'webpack', 'graphql', 'next.js', 'figma']),
            (2, 'Data Engineer',     ARRAY['python', 'sql', 'spark', 'airflow', 'dbt', 'snowflake', 'bigquery', 'kafka', 'etl', 'aws']),
            (3, 'Data Scientist',    ARRAY['python', 'statistics', 'pandas', 'numpy', 'pytorch', 'tensorflow', 'scikit-learn', 'sql', 'nlp', 'computer vision']),
            (4, 'Platform Engineer', ARRAY['kubernetes', 'terraform', 'aws', 'gcp', 'docker', 'linux', 'prometheus', 'grafana', 'ansible', 'helm']),
            (5, 'Mobile Engineer',   ARRAY['swift', 'kotlin', 'flutter', 'dart', 'objective-c', 'graphql', 'ci/cd', 'testing', 'java', 'typescript']),
            (6, 'Product Manager',   ARRAY['product management', 'roadmapping', 'user research', 'analytics', 'sql', 'agile', 'scrum', 'stakeholder management', 'figma', 'saas']),
            (7, 'Product Designer',  ARRAY['figma', 'sketch', 'ux', 'ui design', 'user research', 'html', 'css', 'agile', 'analytics', 'saas']),
            (8, 'Account Executive', ARRAY['salesforce', 'hubspot', 'crm', 'b2b sales', 'saas', 'negotiation', 'account management', 'customer success', 'excel', 'leadership']),
            (9, 'Software Engineer', ARRAY['java', 'spring', 'kotlin', 'sql', 'oracle', 'microservices', 'kafka', 'docker', 'aws', 'rest api']);
        """;

    /// <summary>$1 = companies, $2 = first g, $3 = end g (exclusive).</summary>
    public const string Jobs =
        """
        WITH company AS (
            SELECT id, name, row_number() OVER (ORDER BY id) - 1 AS n FROM companies WHERE domain LIKE '%.bench.example'),
        source AS MATERIALIZED (
            SELECT g, c.id AS company_id, c.name AS company_name, f.role,
                   (ARRAY['', 'Junior ', 'Senior ', 'Senior ', 'Staff ', 'Lead ', 'Principal '])[1 + (g / 10) % 7] AS level,
                   ARRAY(SELECT f.skills[1 + (g * 31 + k * 17) % 10] FROM generate_series(0, 2 + g % 4) AS k) AS skills,
                   nice.skills[1 + g % 10] AS nice_to_have,
                   (ARRAY['Berlin, Germany', 'London, UK', 'New York, NY', 'San Francisco, CA', 'Austin, TX', 'Toronto, Canada',
                          'Amsterdam, Netherlands', 'Paris, France', 'Remote', 'Lisbon, Portugal'])[1 + (g / 3) % 10] AS location
            FROM generate_series($2, $3 - 1) AS g
            JOIN company c ON c.n = g % $1
            JOIN bench_job_family f ON f.f = g % 10
            JOIN bench_job_family nice ON nice.f = (g + 3) % 10)
            INSERT INTO jobs (external_id, source, title, company_id, location, remote, job_type, description, comp_min, comp_max,
                              posted_date, expires_at, created_at, updated_at)
            SELECT 'bench-' || s.g,
                   (ARRAY['greenhouse', 'lever', 'linkedin', 'manual'])[1 + s.g % 4],
                   s.level || s.role,
                   s.company_id,
                   s.location,
                   s.location = 'Remote' OR s.g % 5 = 0,
                   CASE WHEN s.g % 9 = 0 THEN 'contract' ELSE 'full_time' END,
                   format('%s is hiring a %s%s to join a group of %s people. You will design, ship and operate features with %s and %s. '
                          || 'Day to day you will use %s. Nice to have: %s. %s %s %s We offer a clear career path, a yearly learning budget and %s days of paid leave.',
                          s.company_name, lower(s.level), lower(s.role), 5 + s.g % 40, s.skills[1], s.skills[2],
                          array_to_string(s.skills[3:], ', '), s.nice_to_have,
                          (ARRAY['We care about clean code, small pull requests and honest reviews.',
                                 'Our customers range from small shops to large enterprises across Europe and North America.',
                                 'You will pair with engineers, designers and product people every week.',
                                 'We ship several times a day and measure the impact of every change.',
                                 'The role reports to the head of engineering.',
                                 'Hybrid work is possible two days a week.',
                                 'We publish our salary bands and promote from within.',
                                 'You will own problems end to end, from discovery to delivery.'])[1 + s.g % 8],
                          (ARRAY['Our offices are close to public transport.',
                                 'Interviews take two weeks and you meet the whole team.',
                                 'We support relocation and visas.',
                                 'You get a new laptop and a home office allowance.'])[1 + (s.g / 8) % 4],
                          (ARRAY['We closed our last funding round this year.', 'We are profitable and growing.', 'We are a remote-first company.',
                                 'Half of our engineers joined through referrals.'])[1 + (s.g / 32) % 4],
                          20 + s.g % 11),
                   CASE WHEN s.g % 5 < 3 THEN 50000 + (s.g % 31) * 5000 END,
                   CASE WHEN s.g % 5 < 3 THEN 70000 + (s.g % 31) * 5000 + (s.g % 4) * 10000 END,
                   CASE WHEN s.g % 33 <> 0 THEN now() - make_interval(mins => (s.g * 7919) % (90 * 24 * 60)) END,
                   CASE s.g % 10 WHEN 0 THEN now() - interval '1 day' WHEN 1 THEN now() + interval '30 days' END,
                   now() - make_interval(mins => (s.g * 7919) % (90 * 24 * 60)) - interval '1 hour',
                   now()
            FROM source s
        """;

    /// <summary>$1 = first g, $2 = end g (exclusive): the keywords of those seeded jobs (distinct).</summary>
    public const string Keywords =
        """
        INSERT INTO job_keywords (job_id, keyword)
        SELECT DISTINCT j.id, k
        FROM jobs j
        CROSS JOIN LATERAL (SELECT substring(j.external_id FROM 7)::int AS g) AS n
        JOIN bench_job_family f ON f.f = n.g % 10
        JOIN bench_job_family nice ON nice.f = (n.g + 3) % 10
        CROSS JOIN LATERAL unnest(ARRAY(SELECT f.skills[1 + (n.g * 31 + k * 17) % 10] FROM generate_series(0, 2 + n.g % 4) AS k) || nice.skills[1 + n.g % 10]) AS k
        WHERE j.external_id LIKE 'bench-%' AND n.g >= $1 AND n.g < $2
        """;
}
