using System.Net;
using System.Net.Sockets;
using Carmen.Grains.Interfaces.Notifications;
using Carmen.Grains.Interfaces.Network;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Carmen.Grains.Notifications;

/// <summary>
/// Hands a mail to an SMTP server (one per silo): the server's security mode, its account, and the network guard that
/// keeps connections away from addresses notifications may not reach, and the attempt deadline of notifications, which
/// every sender gets without arranging it.
/// </summary>
public sealed class MailTransport(IOptions<NotificationOptions> options)
{
    private readonly NetworkGuard? _guard = options.Value.Guard();

    /// <summary>Sends the mail, or throws: a <see cref="TimeoutException"/> saying so when the server did not finish within the attempt deadline.</summary>
    public async Task SendAsync(SmtpSettings smtp, MimeMessage message, CancellationToken cancellationToken)
    {
        TimeSpan timeout = options.Value.AttemptTimeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await SendWithinAsync(smtp, message, deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"No answer from the mail server within {timeout.TotalSeconds:0.#} s.");
        }
    }

    private async Task SendWithinAsync(SmtpSettings smtp, MimeMessage message, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient();
        SecureSocketOptions security = smtp.Security switch
        {
            SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
            SmtpSecurity.Tls => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.None,
        };
        if (_guard is null)
        {
            await client.ConnectAsync(smtp.Host, smtp.Port, security, cancellationToken);
        }
        else
        {
            // Connected to the checked address, while TLS still checks the certificate against the host name.
            IPAddress address = await _guard.ReachableAddressAsync(smtp.Host, cancellationToken);
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await socket.ConnectAsync(address, smtp.Port, cancellationToken);
                await client.ConnectAsync(socket, smtp.Host, smtp.Port, security, cancellationToken); // the client owns it from here
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        if (smtp.Username is not null)
        {
            await client.AuthenticateAsync(smtp.Username, smtp.Password ?? "", cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}
