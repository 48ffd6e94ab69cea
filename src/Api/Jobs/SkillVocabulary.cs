namespace RoleFerry.Api.Jobs;

/// <summary>
/// The skills recognized in job titles and descriptions (lower case). Ambiguous English words ("go", "r",
/// "rest") are left out; a candidate's own skills are still matched against a description's text.
/// </summary>
public static class SkillVocabulary
{
    public static readonly IReadOnlyList<string> Terms =
    [
        // Languages and runtimes
        "c#", ".net", "asp.net", "f#", "java", "kotlin", "scala", "python", "javascript", "typescript", "node.js",
        "ruby", "rails", "php", "golang", "rust", "c++", "swift", "objective-c", "elixir", "erlang", "haskell",
        "clojure", "perl", "bash", "powershell", "dart", "flutter", "solidity",
        // Front end
        "react", "react native", "angular", "vue", "svelte", "next.js", "redux", "html", "css", "tailwind", "webpack",
        // Back end and APIs
        "django", "flask", "fastapi", "spring", "spring boot", "express", "graphql", "grpc", "microservices",
        "rest api", "rest apis", "kafka", "rabbitmq", "redis", "elasticsearch", "orleans", "entity framework",
        // Data
        "sql", "postgresql", "postgres", "mysql", "sql server", "oracle", "mongodb", "cassandra", "dynamodb",
        "snowflake", "bigquery", "redshift", "spark", "hadoop", "airflow", "dbt", "etl", "pandas", "numpy",
        "tableau", "power bi", "looker", "excel", "data analysis", "data engineering", "data modeling", "statistics",
        // Machine learning
        "machine learning", "deep learning", "pytorch", "tensorflow", "scikit-learn", "nlp", "computer vision",
        "llm", "llms", "mlops",
        // Cloud and operations
        "aws", "azure", "gcp", "google cloud", "kubernetes", "docker", "terraform", "ansible", "helm", "linux",
        "ci/cd", "jenkins", "github actions", "devops", "sre", "observability", "prometheus", "grafana",
        "networking", "security", "oauth", "distributed systems",
        // Practices
        "agile", "scrum", "tdd", "system design", "testing", "automation", "selenium", "playwright",
        // Product, design, go-to-market
        "product management", "project management", "program management", "roadmapping", "figma", "sketch",
        "ux", "ui design", "user research", "a/b testing", "analytics", "seo", "sem", "content marketing",
        "growth marketing", "copywriting", "salesforce", "hubspot", "crm", "b2b sales", "saas", "account management",
        "customer success", "negotiation", "recruiting", "sourcing", "financial modeling", "accounting", "budgeting",
        "stakeholder management", "leadership", "mentoring", "people management",
    ];
}
