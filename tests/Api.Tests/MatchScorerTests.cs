using RoleFerry.Api.Matching;

namespace RoleFerry.Api.Tests;

public sealed class MatchScorerTests
{
    private static readonly DateTimeOffset Now = new(2030, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static MatchProfile Profile(
        string[]? skills = null, string[]? levels = null, string[]? locations = null, bool? remoteOk = null, int? minSalary = null) =>
        new(skills ?? [], levels ?? [], locations ?? [], remoteOk, minSalary);

    private static MatchJob Job(
        string title = "Backend Engineer",
        string? description = null,
        string[]? keywords = null,
        string? location = null,
        bool remote = false,
        int? compMin = null,
        int? compMax = null,
        TimeSpan? age = null) =>
        new(title, description, keywords ?? [], location, remote, compMin, compMax, Now - (age ?? TimeSpan.Zero));

    [Fact]
    public void A_job_that_fits_on_every_count_scores_100_excellent()
    {
        var result = MatchScorer.Score(
            Profile(["C#", "PostgreSQL"], ["senior"], ["Berlin"], true, 90000),
            Job("Senior Backend Engineer", keywords: ["c#", "postgresql"], location: "Berlin, Germany", compMax: 100000, age: TimeSpan.FromDays(2)),
            Now);

        Assert.Equal(100, result.Score);
        Assert.Equal("excellent", result.Category);
        Assert.Equal(["c#", "postgresql"], result.MatchedSkills);
        Assert.Empty(result.MissingSkills);
    }

    [Fact]
    public void Skills_weigh_50_in_proportion_to_the_skills_named()
    {
        var result = MatchScorer.Score(Profile(["c#", "sql"]), Job(keywords: ["c#", "kubernetes", "aws", "sql"]), Now);

        // 50 × 2/4 + level 15 + location 15 + salary 10 + recency 10
        Assert.Equal(75, result.Score);
        Assert.Equal("strong", result.Category);
        Assert.Equal(["c#", "sql"], result.MatchedSkills);
        Assert.Equal(["aws", "kubernetes"], result.MissingSkills);
    }

    [Fact]
    public void A_skill_of_the_user_that_the_description_mentions_counts_as_matched()
    {
        var result = MatchScorer.Score(Profile(["Elm"]), Job(description: "Our front end is in Elm.", keywords: ["react"]), Now);

        Assert.Equal(["elm"], result.MatchedSkills);
        Assert.Equal(["react"], result.MissingSkills);
        Assert.Equal(75, result.Score);
    }

    [Fact]
    public void A_job_naming_no_skills_gets_half_the_skill_weight()
    {
        Assert.Equal(75, MatchScorer.Score(Profile(["c#"]), Job(), Now).Score);
        Assert.Equal(50, MatchScorer.Score(Profile(), Job(keywords: ["c#"]), Now).Score);
    }

    [Theory]
    [InlineData("Senior Engineer", "senior", 15)]
    [InlineData("Staff Engineer", "senior", 8)]
    [InlineData("Engineer", "senior", 8)]
    [InlineData("Junior Engineer", "senior", 0)]
    [InlineData("Engineering Manager", "manager", 15)]
    [InlineData("Sr. Engineer", "Senior", 15)]
    [InlineData("Director of Engineering", "unknown level", 15)]
    public void Role_level_weighs_15(string title, string level, int expected)
    {
        var result = MatchScorer.Score(Profile(levels: [level]), Job(title, keywords: ["c#"]), Now);

        // skills 0 (the job asks for c#, the user has none) + level + location 15 + salary 10 + recency 10
        Assert.Equal(expected + 35, result.Score);
    }

    [Theory]
    [InlineData("Berlin", false, null, "berlin", 15)]
    [InlineData("Paris", false, null, "berlin", 0)]
    [InlineData("Paris", true, null, "berlin", 15)]
    [InlineData("Paris", true, false, "berlin", 0)]
    [InlineData(null, false, null, null, 15)]
    [InlineData(null, true, false, null, 0)]
    public void Location_weighs_15(string? jobLocation, bool remote, bool? remoteOk, string? preferred, int expected)
    {
        var result = MatchScorer.Score(
            Profile(locations: preferred is null ? [] : [preferred], remoteOk: remoteOk),
            Job(location: jobLocation, remote: remote, keywords: ["c#"]),
            Now);

        Assert.Equal(expected + 35, result.Score);
    }

    [Theory]
    [InlineData(null, null, 100000, 5)]
    [InlineData(80000, 120000, 100000, 10)]
    [InlineData(50000, null, 100000, 5)]
    [InlineData(40000, 75000, 100000, 8)]
    [InlineData(null, null, null, 10)]
    public void Salary_weighs_10(int? compMin, int? compMax, int? minSalary, int expected)
    {
        var result = MatchScorer.Score(Profile(minSalary: minSalary), Job(keywords: ["c#"], compMin: compMin, compMax: compMax), Now);

        Assert.Equal(expected + 40, result.Score);
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(7, 10)]
    [InlineData(33.5, 5)]
    [InlineData(60, 0)]
    [InlineData(400, 0)]
    public void Recency_weighs_10_falling_from_7_to_60_days(double days, int expected)
    {
        var result = MatchScorer.Score(Profile(), Job(keywords: ["c#"], age: TimeSpan.FromDays(days)), Now);

        Assert.Equal(expected + 40, result.Score);
    }

    [Theory]
    [InlineData(100, "excellent")]
    [InlineData(90, "excellent")]
    [InlineData(89, "strong")]
    [InlineData(75, "strong")]
    [InlineData(74, "fair")]
    [InlineData(50, "fair")]
    [InlineData(49, "low")]
    [InlineData(0, "low")]
    public void Categories_follow_the_thresholds(int score, string category) => Assert.Equal(category, MatchScorer.Category(score));

    [Fact]
    public void Weights_add_up_to_100() =>
        Assert.Equal(100, MatchScorer.SkillsWeight + MatchScorer.LevelWeight + MatchScorer.LocationWeight + MatchScorer.SalaryWeight + MatchScorer.RecencyWeight);
}
