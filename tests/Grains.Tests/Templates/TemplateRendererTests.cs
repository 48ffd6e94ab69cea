using RoleFerry.Grains.Templates;

namespace RoleFerry.Grains.Tests.Templates;

public sealed class TemplateRendererTests
{
    private static readonly Dictionary<string, string> Values = new()
    {
        ["first_name"] = "Alex",
        ["company"] = "Acme",
        ["role"] = "Data Engineer",
        ["my_name"] = "Jamie Seeker",
    };

    [Fact]
    public void FindVariables_returns_distinct_names_in_order_of_first_use()
    {
        var names = TemplateRenderer.FindVariables("Hi {{first_name}}, {{ role }} at {{company}}? {{role}} {{first_name}}");

        Assert.Equal(["first_name", "role", "company"], names);
    }

    [Fact]
    public void FindVariables_ignores_what_is_not_a_placeholder()
    {
        var names = TemplateRenderer.FindVariables("{{first name}} {{}} {role} {{role-x}} {{ é }} { {company} }");

        Assert.Empty(names);
    }

    [Fact]
    public void FindVariables_accepts_letters_digits_underscores_and_spaces_inside_braces()
    {
        var names = TemplateRenderer.FindVariables("{{Step2_Link}} {{  spaced  }} {{\tTabbed\t}}");

        Assert.Equal(["Step2_Link", "spaced", "Tabbed"], names);
    }

    [Fact]
    public void Render_replaces_every_placeholder_with_its_value()
    {
        var text = TemplateRenderer.Render("Quick advice on {{role}} at {{ company }}? Thanks, {{my_name}} ({{role}})", Values);

        Assert.Equal("Quick advice on Data Engineer at Acme? Thanks, Jamie Seeker (Data Engineer)", text);
    }

    [Fact]
    public void Render_leaves_text_without_placeholders_as_is()
    {
        Assert.Equal("Hi {there} {{ not a var }}", TemplateRenderer.Render("Hi {there} {{ not a var }}", Values));
    }

    [Fact]
    public void Render_does_not_expand_placeholders_inside_values()
    {
        var values = new Dictionary<string, string> { ["role"] = "{{company}}", ["company"] = "Acme" };

        Assert.Equal("{{company}} at Acme", TemplateRenderer.Render("{{role}} at {{company}}", values));
    }

    [Fact]
    public void Render_throws_naming_the_variable_without_a_value()
    {
        var error = Assert.Throws<TemplateVariableMissingException>(() => TemplateRenderer.Render("{{role}} at {{ team_lead }}", Values));

        Assert.Equal("team_lead", error.VariableName);
        Assert.Equal("The template uses {{team_lead}} but no value was given for 'team_lead'.", error.Message);
    }

    [Fact]
    public void RenderHtml_encodes_template_and_values_and_builds_paragraphs_and_line_breaks()
    {
        var values = new Dictionary<string, string> { ["first_name"] = "<script>alert('x')</script>", ["my_name"] = "Jamie & Co" };

        var html = TemplateRenderer.RenderHtml("Hi {{first_name}},\n\nI <3 your team.\nA second line.\n\n\n\nThanks,\n{{my_name}}", values);

        Assert.Equal(
            "<p>Hi &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;,</p>\n" +
            "<p>I &lt;3 your team.<br>\nA second line.</p>\n" +
            "<p>Thanks,<br>\nJamie &amp; Co</p>",
            html);
    }

    [Fact]
    public void RenderHtml_treats_crlf_like_lf_and_drops_leading_and_trailing_blank_lines()
    {
        var html = TemplateRenderer.RenderHtml("\r\n\r\nOne\r\nTwo\r\n \r\nThree\r\n\r\n", Values);

        Assert.Equal("<p>One<br>\nTwo</p>\n<p>Three</p>", html);
    }

    [Fact]
    public void RenderHtml_links_bare_urls_and_leaves_sentence_punctuation_outside()
    {
        var html = TemplateRenderer.RenderHtml("See https://example.test/jobs?id=7&ref=rf. Or (http://example.test/a_(b)).", Values);

        Assert.Equal(
            "<p>See <a href=\"https://example.test/jobs?id=7&amp;ref=rf\">https://example.test/jobs?id=7&amp;ref=rf</a>. " +
            "Or (<a href=\"http://example.test/a_(b)\">http://example.test/a_(b)</a>).</p>",
            html);
    }

    [Fact]
    public void RenderHtml_links_urls_that_come_from_values_but_never_other_schemes()
    {
        var values = new Dictionary<string, string> { ["link"] = "https://me.test/\"onclick=\"x", ["bad"] = "javascript:alert(1)" };

        var html = TemplateRenderer.RenderHtml("My site: {{link}} {{bad}}", values);

        Assert.Equal(
            "<p>My site: <a href=\"https://me.test/\">https://me.test/</a>&quot;onclick=&quot;x javascript:alert(1)</p>",
            html);
    }

    [Fact]
    public void RenderHtml_throws_naming_the_variable_without_a_value()
    {
        var error = Assert.Throws<TemplateVariableMissingException>(() => TemplateRenderer.RenderHtml("Hi {{nickname}}", Values));

        Assert.Equal("nickname", error.VariableName);
    }
}
