using RoleFerry.Api.Matching;

namespace RoleFerry.Api.Tests;

public sealed class SkillTextTests
{
    [Theory]
    [InlineData("Our stack: C#/.NET and PostgreSQL.", "c#", true)]
    [InlineData("Our stack: C#/.NET and PostgreSQL.", "postgresql", true)]
    [InlineData("We ship NODE.JS services", "node.js", true)]
    [InlineData("ASP.NET Core, mostly", "asp.net", true)]
    [InlineData("A JavaScript shop", "java", false)]
    [InlineData("Golang and Rust", "go", false)]
    [InlineData("We write Go.", "go", true)]
    [InlineData("C++ or c#", "c++", true)]
    [InlineData("Elm", "elm", true)]
    [InlineData("", "elm", false)]
    [InlineData("Elm", "", false)]
    public void A_term_is_found_whole_in_any_case(string text, string term, bool expected) =>
        Assert.Equal(expected, SkillText.Contains(text, term));

    [Fact]
    public void A_skill_named_only_in_the_title_counts_as_matched()
    {
        var job = new MatchJob("Senior KOTLIN Engineer", "Mobile team.", [], null, false, null, null, DateTimeOffset.UnixEpoch);

        var result = MatchScorer.Score(new MatchProfile(["Kotlin", "Swift"], [], [], null, null), job, DateTimeOffset.UnixEpoch);

        Assert.Equal(["kotlin"], result.MatchedSkills);
    }
}
