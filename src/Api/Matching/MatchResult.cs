namespace RoleFerry.Api.Matching;

/// <summary>A score 0..100, its category, the user's skills the job asks for and the job's skills the user lacks.</summary>
public sealed record MatchResult(int Score, string Category, IReadOnlyList<string> MatchedSkills, IReadOnlyList<string> MissingSkills);
