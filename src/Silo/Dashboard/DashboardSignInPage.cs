using System.Security.Cryptography;
using System.Text;

namespace RoleFerry.Silo.Dashboard;

/// <summary>
/// <c>GET /dashboard/login</c>: a small sign-in page for browsers. Its script logs in through the API
/// (<c>POST /api/auth/login</c>, with the API's rate limit and lockout), trades the token for the dashboard cookie
/// (<c>POST /dashboard/session</c>, admins only) and goes back to the dashboard page that was asked for. Served with a
/// strict Content-Security-Policy (its own script and style only, no framing).
/// </summary>
internal static class DashboardSignInPage
{
    private const string Style =
        """
        body { font-family: system-ui, sans-serif; background: #f4f4f8; margin: 0; }
        main { max-width: 22rem; margin: 10vh auto; padding: 2rem; background: #fff; border-radius: 8px; box-shadow: 0 1px 4px #0002; }
        h1 { font-size: 1.3rem; margin-top: 0; }
        label { display: block; margin: 0.8rem 0; }
        input { display: block; width: 100%; box-sizing: border-box; padding: 0.4rem; margin-top: 0.2rem; }
        button { padding: 0.5rem 1rem; }
        #message { color: #a00; min-height: 1.2rem; }
        .sign-out button { background: none; border: none; padding: 0; color: #555; text-decoration: underline; cursor: pointer; }
        """;

    private const string Script =
        """
        const form = document.getElementById('sign-in');
        const message = document.getElementById('message');
        function destination() {
          const home = new URL('./', location.href).pathname;
          const wanted = new URLSearchParams(location.search).get('returnUrl') || '';
          return wanted.startsWith(home) && !wanted.includes('\\') ? wanted : home;
        }
        async function reason(response, fallback) {
          try { const problem = await response.json(); return problem.detail || problem.title || fallback; }
          catch { return fallback; }
        }
        form.addEventListener('submit', async event => {
          event.preventDefault();
          message.textContent = 'Signing in…';
          try {
            const login = await fetch('../api/auth/login', {
              method: 'POST',
              headers: { 'Content-Type': 'application/json' },
              body: JSON.stringify({ email: form.email.value, password: form.password.value })
            });
            if (!login.ok) { message.textContent = await reason(login, 'Sign-in failed (' + login.status + ').'); return; }
            const { accessToken } = await login.json();
            const session = await fetch('session', { method: 'POST', headers: { Authorization: 'Bearer ' + accessToken } });
            if (session.status === 403) { message.textContent = 'This account is not a RoleFerry administrator.'; return; }
            if (!session.ok) { message.textContent = 'Sign-in failed (' + session.status + ').'; return; }
            location.assign(destination());
          } catch (error) {
            message.textContent = 'Sign-in failed: ' + error;
          }
        });
        """;

    private static readonly string Html =
        $$"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>RoleFerry dashboard – sign in</title>
        <style>{{Style}}</style>
        </head>
        <body>
        <main>
        <h1>RoleFerry dashboard</h1>
        <p>Sign in with a RoleFerry administrator account.</p>
        <form id="sign-in">
        <label>Email <input name="email" type="email" autocomplete="username" required></label>
        <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
        <button type="submit">Sign in</button>
        <p id="message" role="alert"></p>
        </form>
        <form class="sign-out" method="post" action="logout"><button type="submit">Sign out</button></form>
        </main>
        <script>{{Script}}</script>
        </body>
        </html>
        """;

    private static readonly string ContentSecurityPolicy =
        $"default-src 'none'; script-src '{Sha256(Script)}'; style-src '{Sha256(Style)}'; connect-src 'self'; "
        + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static IResult Serve(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.CacheControl = "no-store";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        return Results.Content(Html, "text/html; charset=utf-8");
    }

    private static string Sha256(string text) => "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
