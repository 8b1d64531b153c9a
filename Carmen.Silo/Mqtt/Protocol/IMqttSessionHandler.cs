namespace Carmen.Silo.Mqtt.Protocol;

/// <summary>What a server does with a connection's packets once they are read: the device listener's side of the protocol.</summary>
internal interface IMqttSessionHandler
{
    /// <summary>Decides about a CONNECT (credentials, client id); the connection sends the CONNACK.</summary>
    Task<MqttConnectVerdict> ConnectAsync(MqttConnection connection, MqttConnect connect);

    /// <summary>The CONNACK has gone out; the connection is up.</summary>
    Task ConnectedAsync(MqttConnection connection);

    /// <summary>A PUBLISH; the reason goes back in its PUBACK (QoS 1) or PUBREC (QoS 2).</summary>
    /// <remarks>A value task: the device API mostly completes without waiting, and this is once per message.</remarks>
    ValueTask<MqttReason> PublishAsync(MqttConnection connection, MqttPublish publish);

    /// <summary>One filter of a SUBSCRIBE: the QoS granted as a reason code, or a refusal.</summary>
    Task<MqttReason> SubscribeAsync(MqttConnection connection, string filter, byte qos);

    void Unsubscribe(MqttConnection connection, string filter);

    /// <summary>A connection that was up has ended, whichever side ended it.</summary>
    Task DisconnectedAsync(MqttConnection connection);
}
