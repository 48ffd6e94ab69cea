namespace RoleFerry.Actors;

/// <summary>A grain addressed by a GUID key.</summary>
public interface IGrainWithGuidKey : IGrain;
