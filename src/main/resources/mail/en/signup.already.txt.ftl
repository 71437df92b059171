<#-- signup.already (en), plain text; also sets the subject. The only way the link reaches someone who signs up again. -->
<#import "/text.ftl" as t>
<#assign subject>You are already signed up: ${(course.name)!""}</#assign>
<@t.hello/>

We have just received another signup for the course <@t.coursePhrase c=course!{}/> with your e-mail address, from you or from someone who entered your address. You are already signed up for this course; your existing signup has not changed.

<@t.stateLine/>

<#if statusUrl??>Here is the link to your signup once more. It shows where you stand and lets you sign off:
${statusUrl}</#if>

If you did not sign up again yourself, there is nothing you need to do. Please do not pass the link on: anyone who has it can sign you off.

<@t.footer/>
