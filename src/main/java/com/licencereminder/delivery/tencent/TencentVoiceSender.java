package com.licencereminder.delivery.tencent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.licencereminder.delivery.Channel;
import com.licencereminder.delivery.ChannelSender;
import com.licencereminder.delivery.DeliveryResult;
import com.licencereminder.delivery.MainlandNumbers;
import com.licencereminder.delivery.RecipientLimits;
import com.licencereminder.delivery.RenderedMessage;
import com.licencereminder.delivery.tencent.TencentConfiguration.TencentClients;
import com.tencentcloudapi.vms.v20200902.models.SendTtsVoiceRequest;
import com.tencentcloudapi.vms.v20200902.models.SendTtsVoiceResponse;
import org.springframework.stereotype.Component;

/**
 * Calls mainland mobiles (Tencent VMS calls no landlines) through Tencent
 * {@code SendTtsVoice} (API 2020-09-02): {@code TemplateId} (the message's provider
 * template, else {@code voice-template-id}), {@code TemplateParamSet} (the parameters in
 * order), {@code CalledNumber} in E.164, {@code VoiceSdkAppid}, {@code PlayTimes} and
 * {@code SessionContext} = the attempt id. The answer's {@code SendStatus.CallId} is the
 * provider id that the voice callbacks name ({@code callid}); the call's own outcome
 * comes with them. A template call has no key menu: it is not set up to wait for a key,
 * and a key is acknowledged only when Tencent reports one ({@code voicekey_callback}).
 * Tencent keeps no record to ask by {@code SessionContext}, so a call whose outcome is
 * unknown cannot be looked up.
 */
@Component
@ConditionalOnTencent
class TencentVoiceSender implements ChannelSender {

	private final TencentClients clients;

	private final RecipientLimits limits;

	TencentVoiceSender(TencentClients clients, Clock clock) {
		this.clients = clients;
		TencentProperties.Limits limits = clients.properties().limits();
		this.limits = new RecipientLimits(clock,
				List.of(new RecipientLimits.Window(limits.callsPerThirtySeconds(), Duration.ofSeconds(30)),
						new RecipientLimits.Window(limits.callsPerTenMinutes(), Duration.ofMinutes(10)),
						new RecipientLimits.Window(limits.callsPerDay(), Duration.ofDays(1))));
	}

	@Override
	public Channel channel() {
		return Channel.VOICE;
	}

	@Override
	public String provider() {
		return TencentSmsSender.PROVIDER;
	}

	@Override
	public boolean reaches(String recipient) {
		return MainlandNumbers.isMobile(recipient);
	}

	/**
	 * Tencent's calls to one number in 30 seconds, ten minutes and a day
	 * ({@code limits.calls-per-*}).
	 */
	@Override
	public Optional<Instant> takeSlot(String recipient, RenderedMessage message) {
		return limits.tryAcquire(recipient);
	}

	@Override
	public void giveBackSlot(String recipient, RenderedMessage message) {
		limits.giveBack(recipient);
	}

	@Override
	public String templateSet() {
		return TencentSmsSender.PROVIDER;
	}

	@Override
	public DeliveryResult send(String attemptId, String recipient, RenderedMessage message) {
		TencentProperties properties = clients.properties();
		SendTtsVoiceRequest request = new SendTtsVoiceRequest();
		request.setTemplateId(message.template() != null ? message.template() : properties.voiceTemplateId());
		request.setTemplateParamSet(message.fields().values().toArray(String[]::new));
		request.setCalledNumber(recipient);
		request.setVoiceSdkAppid(properties.voiceSdkAppId());
		request.setPlayTimes((long) properties.playTimes());
		request.setSessionContext(attemptId);
		DeliveryResult result;
		try {
			SendTtsVoiceResponse response = clients.voice().SendTtsVoice(request);
			String callId = response == null || response.getSendStatus() == null ? null
					: response.getSendStatus().getCallId();
			result = callId == null || callId.isBlank()
					? TencentErrors.refused(attemptId, null, "no SendStatus.CallId in the answer")
					: TencentErrors.answered(attemptId, TencentErrors.OK, null, callId);
		}
		catch (Exception ex) {
			result = TencentErrors.failure(attemptId, ex);
		}
		return TencentErrors.logged("Call", recipient, result);
	}

}
