namespace RoleFerry.Grains.Templates;

/// <summary>A template uses a <c>{{variable}}</c> that was given no value.</summary>
public sealed class TemplateVariableMissingException(string variableName)
    : InvalidOperationException($"The template uses {{{{{variableName}}}}} but no value was given for '{variableName}'.")
{
    public string VariableName { get; } = variableName;
}
