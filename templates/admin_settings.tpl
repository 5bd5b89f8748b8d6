{{%AUTOESCAPE context="HTML"}}<h1>School settings</h1>
<p><a href="/admin/sign-in">Sign-in settings</a>: passwords and single sign-on.</p>
<p><a href="/admin/mail">E-mail</a>: e-mail waiting for the mail relay, or refused by it.</p>
<p><a href="/admin/two-factor">Two-factor sign-in</a>: the roles that must use a second factor, and resetting someone's lost authenticator.</p>
<form class="stack card" method="post" action="/admin/settings">
<input type="hidden" name="csrf" value="{{csrf}}">
<div class="field{{#err_school_name}} has-error{{/err_school_name}}"><label for="f-school_name">School name</label>
{{#school_name_fixed}}<p class="hint" id="h-school_name">Set in the server's configuration file; change it there.</p>{{/school_name_fixed}}
{{#err_school_name}}<p class="field-error" id="e-school_name">{{err_school_name}}</p>{{/err_school_name}}
<input id="f-school_name" name="school_name" type="text" required value="{{school_name}}"{{#school_name_fixed}} readonly aria-describedby="h-school_name{{#err_school_name}} e-school_name{{/err_school_name}}"{{#err_school_name}} aria-invalid="true"{{/err_school_name}}{{/school_name_fixed}}{{#not_school_name_fixed}}{{#err_school_name}} aria-describedby="e-school_name" aria-invalid="true"{{/err_school_name}}{{/not_school_name_fixed}}></div>
<fieldset><legend>Who makes the final decision on social-media account applications</legend>
<label class="checkbox"><input type="radio" name="account_decider" value="business_manager"{{#not_decider_is_slt}} checked{{/not_decider_is_slt}}> Business manager</label>
<label class="checkbox"><input type="radio" name="account_decider" value="slt"{{#decider_is_slt}} checked{{/decider_is_slt}}> Senior leadership team</label>
</fieldset>
<div class="field{{#err_runner_agreement}} has-error{{/err_runner_agreement}}"><label for="f-runner_agreement">The agreement people who are not staff sign on paper to run a school account</label>
<p class="hint" id="h-runner_agreement">A volunteer or parent who helps run a school account, and is not on the staff list, signs it on paper, and the moderator records which version. Only policies for volunteers and for teachers or support staff can be chosen. Choose one when more than one is in force (a fire-safety policy for everyone, say): until then no paper signature passes.</p>
{{#err_runner_agreement}}<p class="field-error" id="e-runner_agreement">{{err_runner_agreement}}</p>{{/err_runner_agreement}}
<select id="f-runner_agreement" name="runner_agreement" aria-describedby="h-runner_agreement{{#err_runner_agreement}} e-runner_agreement{{/err_runner_agreement}}"{{#err_runner_agreement}} aria-invalid="true"{{/err_runner_agreement}}>
<option value="">The only one in force for staff and volunteers</option>
{{#runner_agreements}}<option value="{{id}}"{{#chosen}} selected{{/chosen}}>{{title}}</option>
{{/runner_agreements}}</select></div>
<fieldset aria-describedby="h-account_reply_holidays_count"><legend>Do school holidays count as working days for answering comments on school accounts?</legend>
<p class="hint" id="h-account_reply_holidays_count">A comment, query or complaint on a school account is answered within 24 hours, or by the end of the next working day when it arrives on a weekend. The next working day is never a closure day. The policy names only weekends as stopping the 24 hours.</p>
<label class="checkbox"><input type="radio" name="account_reply_holidays_count" value="yes"{{#not_reply_holidays_skipped}} checked{{/not_reply_holidays_skipped}}> Yes: one received on a closure day has 24 hours, as on any weekday</label>
<label class="checkbox"><input type="radio" name="account_reply_holidays_count" value="no"{{#reply_holidays_skipped}} checked{{/reply_holidays_skipped}}> No: one received on a closure day waits for the next working day, as at a weekend</label>
</fieldset>
<div class="field"><label for="f-lado_contact">The LADO (local authority designated officer): name, telephone and e-mail</label>
<p class="hint" id="h-lado_contact">Shown on a concern about an adult that must be reported to the LADO, and to the reporter when a concern about the headteacher reaches nobody in school.</p>
<textarea id="f-lado_contact" name="lado_contact" rows="3" aria-describedby="h-lado_contact">&#10;{{lado_contact:pre_escape}}</textarea></div>
<div class="field{{#err_pattern_window_days}} has-error{{/err_pattern_window_days}}"><label for="f-pattern_window_days">Period for a pattern of concerns about one adult (days)</label>
<p class="hint" id="h-pattern_window_days">When a third concern about the same member of staff arrives within this many days, the headteacher (the chair of governors, for the headteacher) is warned. A year covers a whole school year.</p>
{{#err_pattern_window_days}}<p class="field-error" id="e-pattern_window_days">{{err_pattern_window_days}}</p>{{/err_pattern_window_days}}
<input id="f-pattern_window_days" name="pattern_window_days" type="number" min="1" max="3650" value="{{pattern_window_days}}" aria-describedby="h-pattern_window_days{{#err_pattern_window_days}} e-pattern_window_days{{/err_pattern_window_days}}"{{#err_pattern_window_days}} aria-invalid="true"{{/err_pattern_window_days}}></div>
<div class="field{{#err_invitation_days}} has-error{{/err_invitation_days}}"><label for="f-invitation_days">Days an invitation link stays usable</label>
<p class="hint" id="h-invitation_days">An invitation e-mailed to a member of staff works once, for this many days (1 to 30).</p>
{{#err_invitation_days}}<p class="field-error" id="e-invitation_days">{{err_invitation_days}}</p>{{/err_invitation_days}}
<input id="f-invitation_days" name="invitation_days" type="number" min="1" max="30" value="{{invitation_days}}" aria-describedby="h-invitation_days{{#err_invitation_days}} e-invitation_days{{/err_invitation_days}}"{{#err_invitation_days}} aria-invalid="true"{{/err_invitation_days}}></div>
<div class="field{{#err_account_dormant_days}} has-error{{/err_account_dormant_days}}"><label for="f-account_dormant_days">Days without activity before a school account is dormant</label>
<p class="hint" id="h-account_dormant_days">A school social-media account with nothing logged against it for this many days is flagged as dormant for the moderator (1 to 3650).</p>
{{#err_account_dormant_days}}<p class="field-error" id="e-account_dormant_days">{{err_account_dormant_days}}</p>{{/err_account_dormant_days}}
<input id="f-account_dormant_days" name="account_dormant_days" type="number" min="1" max="3650" value="{{account_dormant_days}}" aria-describedby="h-account_dormant_days{{#err_account_dormant_days}} e-account_dormant_days{{/err_account_dormant_days}}"{{#err_account_dormant_days}} aria-invalid="true"{{/err_account_dormant_days}}></div>
<div class="actions"><button class="btn" type="submit">Save settings</button></div>
</form>
<section class="card" aria-labelledby="h-closures">
<h2 id="h-closures">Closure days</h2>
<p class="hint">Days the school is closed are skipped when working-day deadlines are counted, as weekends are.</p>
{{#not_closures}}<p class="muted">No closure days yet.</p>{{/not_closures}}
{{#has_closures}}<table class="data"><caption>Closure days</caption><thead><tr><th scope="col">Day</th><th scope="col">Reason</th><th scope="col"><span class="visually-hidden">Action</span></th></tr></thead><tbody>{{/has_closures}}
{{#closures}}<tr><td><time datetime="{{day}}">{{day:x-uk-time}}</time></td><td>{{label}}</td><td><form method="post" action="/admin/closures/remove"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="day" value="{{day}}"><button class="link" type="submit">Remove {{day:x-uk-time}}</button></form></td></tr>
{{/closures}}
{{#has_closures}}</tbody></table>{{/has_closures}}
<form class="stack" method="post" action="/admin/closures">
<input type="hidden" name="csrf" value="{{csrf}}">
<div class="field{{#err_day}} has-error{{/err_day}}"><label for="f-day">Day</label>
{{#err_day}}<p class="field-error" id="e-day">{{err_day}}</p>{{/err_day}}
<input id="f-day" name="day" type="date" required value="{{form_day}}"{{#err_day}} aria-describedby="e-day" aria-invalid="true"{{/err_day}}></div>
<div class="field"><label for="f-label">Reason (for example "INSET day")</label>
<input id="f-label" name="label" type="text" value="{{form_label}}"></div>
<div class="actions"><button class="btn secondary" type="submit">Add closure day</button></div>
</form>
</section>
